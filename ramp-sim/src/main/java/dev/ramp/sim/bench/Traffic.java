package dev.ramp.sim.bench;

import java.util.SplittableRandom;

/**
 * The users of one simulated release, second by second: Poisson arrivals, each request served by
 * the new version, a fresh baseline of the stable version or the stable version with the shares
 * the analysis gives them at that second, and failing (or, in a latency scenario, being slower
 * than the SLO) at the rate of the version that serves it; a shared incident changes both
 * versions' rates from the second the new version's share changes for the scenario's n-th time,
 * and a cold start raises the new version's and the baseline's rates for their first seconds
 * with a share.
 *
 * <p>Arrivals, routing and errors (or latencies) each draw from their own stream seeded by the
 * run, so every analysis run with the same seed meets the same users: the same number each
 * second, the same request going to the new version whenever its share is at least as large,
 * and the same request failing (or slow) on a version with the same rate.
 */
final class Traffic {
  private final Scenario scenario;
  private final TrafficProfile profile;
  private final SplittableRandom arrivals;
  private final SplittableRandom routing;
  private final SplittableRandom errors;
  private long secondOfDay;
  private double lastShare;
  private int shareChanges;
  private long second;
  private long newSince = -1;
  private long baselineSince = -1;

  /**
   * One second's requests and errors, on the new version, on a fresh baseline and on the stable
   * one; in a latency scenario the errors are the requests slower than the SLO.
   */
  record Second(long newRequests, long newErrors, long baselineRequests, long baselineErrors,
      long stableRequests, long stableErrors) {}

  Traffic(Scenario scenario, TrafficProfile profile, long seed) {
    this.scenario = scenario;
    this.profile = profile;
    SplittableRandom root = new SplittableRandom(seed);
    this.arrivals = root.split();
    this.routing = root.split();
    SplittableRandom failures = root.split();
    this.secondOfDay = profile.daily() ? root.nextLong(TrafficProfile.SECONDS_PER_DAY) : 0;
    // slow requests are other users' than failed ones: a latency scenario draws its own
    this.errors = scenario.slow() ? root.split() : failures;
  }

  /** The next second of traffic, {@code newShare} of it (0 to 1) sent to the new version. */
  Second next(double newShare) {
    return next(newShare, 0);
  }

  /**
   * The next second of traffic, {@code newShare} of it sent to the new version and
   * {@code baselineShare} to a fresh baseline of the stable one (both 0 to 1).
   */
  Second next(double newShare, double baselineShare) {
    newSince = newSince < 0 && newShare > 0 ? second : newSince;
    baselineSince = baselineSince < 0 && baselineShare > 0 ? second : baselineSince;
    if (newShare != lastShare) {
      shareChanges++;
      lastShare = newShare;
    }
    Scenario.SharedIncident incident = scenario.incident();
    boolean shared = incident != null && shareChanges >= incident.atShareChange();
    double newErrorRate = shared ? incident.errorRate() : scenario.newErrorRate();
    double stableErrorRate = shared ? incident.errorRate() : scenario.stableErrorRate();
    double baselineErrorRate = stableErrorRate * warmingUp(baselineSince);
    newErrorRate *= warmingUp(newSince);
    second++;
    long count = poisson(profile.rateAt(secondOfDay));
    secondOfDay = (secondOfDay + 1) % TrafficProfile.SECONDS_PER_DAY;
    long newRequests = 0;
    long newErrors = 0;
    long baselineRequests = 0;
    long baselineErrors = 0;
    long stableErrors = 0;
    for (long i = 0; i < count; i++) {
      double route = routing.nextDouble();
      double draw = errors.nextDouble();
      if (route < newShare) {
        newRequests++;
        newErrors += draw < newErrorRate ? 1 : 0;
      } else if (route < newShare + baselineShare) {
        baselineRequests++;
        baselineErrors += draw < baselineErrorRate ? 1 : 0;
      } else {
        stableErrors += draw < stableErrorRate ? 1 : 0;
      }
    }
    return new Second(newRequests, newErrors, baselineRequests, baselineErrors,
        count - newRequests - baselineRequests, stableErrors);
  }

  /** How many times a warm pod's rate a group's pods fail now, given when they got traffic. */
  private double warmingUp(long since) {
    Scenario.ColdStart cold = scenario.coldStart();
    return cold != null && since >= 0 && second - since < cold.warmUp().toSeconds()
        ? cold.factor() : 1;
  }

  /** Arrivals within one second at this rate: exponential gaps until the second is over. */
  private long poisson(double rate) {
    long count = 0;
    double time = -Math.log(1 - arrivals.nextDouble()) / rate;
    while (time < 1) {
      count++;
      time -= Math.log(1 - arrivals.nextDouble()) / rate;
    }
    return count;
  }
}
