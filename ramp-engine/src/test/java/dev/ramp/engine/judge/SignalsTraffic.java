package dev.ramp.engine.judge;

import java.util.Random;

/**
 * Simulated traffic seen by several signals at once (errors, slow requests, ...): each second's
 * 100 requests are split between canary and stable once, on {@link Traffic#RAMP}, and each signal
 * counts its own events among the same requests, at its own rates (stable 1%, the canary its
 * ratio times that), independently of the other signals.
 *
 * @param canaryRatios each signal's true ratio of the canary's event rate to stable's
 */
record SignalsTraffic(double... canaryRatios) {
  /** One batch per signal, all over the same requests. */
  Batch[] batches(Random random, int index) {
    long canaryRequests = Traffic.binomial(random, Traffic.REQUESTS_PER_BATCH,
        Traffic.RAMP.applyAsDouble(index));
    long stableRequests = Traffic.REQUESTS_PER_BATCH - canaryRequests;
    Batch[] batches = new Batch[canaryRatios.length];
    for (int s = 0; s < batches.length; s++) {
      double canaryRate = Math.min(1, canaryRatios[s] * Traffic.BASE_RATE);
      batches[s] = new Batch(canaryRequests, Traffic.binomial(random, canaryRequests, canaryRate),
          stableRequests, Traffic.binomial(random, stableRequests, Traffic.BASE_RATE));
    }
    return batches;
  }
}
