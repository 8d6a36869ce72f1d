package dev.ramp.engine.judge;

import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Simulated traffic: 100 requests a second, one batch per 1 s interval, each request routed to the
 * canary with the current weight, each request an event (error) with its side's rate.
 *
 * @param canaryShare the canary's weight in each batch (by batch number, from 0)
 * @param stableRate stable's event rate
 * @param canaryRate the canary's event rate
 * @param incident by how much both rates are multiplied in each batch (a shared dependency
 *     failing hurts both versions alike)
 */
record Traffic(IntToDoubleFunction canaryShare, double stableRate, double canaryRate,
    IntToDoubleFunction incident) {
  static final int REQUESTS_PER_BATCH = 100;
  /** A realistic ramp: 5% for a minute, 10% for a minute, 25% for a minute, then 50%. */
  static final IntToDoubleFunction RAMP =
      batch -> batch < 60 ? 0.05 : batch < 120 ? 0.10 : batch < 180 ? 0.25 : 0.50;
  static final double BASE_RATE = 0.01;

  /** The ramp, stable at 1% errors and the canary at ratio times that. */
  static Traffic ramp(double ratio) {
    return new Traffic(RAMP, BASE_RATE, Math.min(1, ratio * BASE_RATE), batch -> 1);
  }

  /** A constant canary share, stable at 1% errors and the canary at ratio times that. */
  static Traffic constant(double share, double ratio) {
    return new Traffic(batch -> share, BASE_RATE, Math.min(1, ratio * BASE_RATE), batch -> 1);
  }

  /** The ramp with a healthy canary, and both sides failing 5x as often once at 50%. */
  static Traffic rampWithIncidentAtHalf() {
    return new Traffic(RAMP, BASE_RATE, BASE_RATE, batch -> batch < 180 ? 1 : 5);
  }

  Batch batch(Random random, int index) {
    long canaryRequests = binomial(random, REQUESTS_PER_BATCH, canaryShare.applyAsDouble(index));
    long stableRequests = REQUESTS_PER_BATCH - canaryRequests;
    double factor = incident.applyAsDouble(index);
    return new Batch(canaryRequests, binomial(random, canaryRequests, canaryRate * factor),
        stableRequests, binomial(random, stableRequests, stableRate * factor));
  }

  /** Seeds for independent runs, drawn from one seed so a test is repeatable. */
  static long[] seeds(long seed, int runs) {
    return new Random(seed).longs(runs).toArray();
  }

  /**
   * Binomial(n, p) by inversion: add up P(k) from k = 0 until the sum passes a uniform draw, about
   * n·min(p, 1 − p) + 1 multiplications and no logarithm. Exact while (1 − p)^n does not
   * underflow, which holds for the batches here (n ≤ 100).
   */
  static long binomial(Random random, long n, double p) {
    if (p > 0.5) {
      return n - binomial(random, n, 1 - p);
    }
    double uniform = random.nextDouble();
    double odds = p / (1 - p);
    double probability = Math.pow(1 - p, n);
    double cumulative = probability;
    long k = 0;
    while (cumulative <= uniform && k < n) {
      probability *= odds * (n - k) / (k + 1);
      k++;
      cumulative += probability;
    }
    return k;
  }
}
