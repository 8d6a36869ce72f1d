package dev.ramp.sim.bench;

/**
 * How many requests per second users send.
 *
 * @param requestsPerSecond the mean rate
 * @param daily when true the rate follows the day, from 40% of the mean at midnight to 160% at
 *     noon, and each release ships at a random time of day; otherwise it is constant
 */
public record TrafficProfile(double requestsPerSecond, boolean daily) {
  static final long SECONDS_PER_DAY = 86_400;
  private static final double DAILY_SWING = 0.6;

  public TrafficProfile {
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requests per second must be positive");
    }
  }

  /** The rate at a time of day, in seconds since midnight. */
  double rateAt(long secondOfDay) {
    if (!daily) {
      return requestsPerSecond;
    }
    double angle = 2 * Math.PI * secondOfDay / SECONDS_PER_DAY;
    return requestsPerSecond * (1 - DAILY_SWING * Math.cos(angle));
  }
}
