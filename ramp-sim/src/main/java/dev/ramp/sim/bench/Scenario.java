package dev.ramp.sim.bench;

import java.time.Duration;
import java.util.List;

/**
 * A release to ship: how often a request goes wrong on the version users have (stable) and on
 * the new one. A request goes wrong by failing or, in a latency scenario, by taking longer than
 * the SLO (the analyses then judge the slow requests, as the judge counts them from a latency
 * histogram, and the error rates, alike on both versions, play no part).
 *
 * @param name as the benchmark's table shows it
 * @param stableErrorRate the share of the stable's requests that fail (slow: are too slow)
 * @param newErrorRate the same share for the new version
 * @param slow whether the requests that go wrong are slow ones rather than failed ones
 * @param incident a failure both versions share, or null
 * @param coldStart how new pods fail while they warm up, or null when they fail as warm ones
 */
public record Scenario(String name, double stableErrorRate, double newErrorRate, boolean slow,
    SharedIncident incident, ColdStart coldStart) {
  private static final double STABLE = 0.01;

  /**
   * Both versions start failing {@code errorRate} of requests at the moment the new version's
   * share of traffic changes for the {@code atShareChange}-th time (a dependency they share
   * fails during a step), while the judge measures every {@code judgeInterval} starting
   * {@code judgeDelay} after the release, which puts that moment in the middle of a
   * measurement interval.
   */
  public record SharedIncident(double errorRate, int atShareChange, Duration judgeInterval,
      Duration judgeDelay) {}

  /**
   * New pods fail {@code factor} times as often as warm ones for their first {@code warmUp}
   * (cold caches, JIT, connection pools), then at their version's rate: the new version's pods
   * and a fresh baseline's alike, not the stable version's, which have long been running. All
   * pods of a group are taken to start when the group first gets traffic: they start together
   * with the step that gives it its first share, a few seconds before.
   */
  public record ColdStart(double factor, Duration warmUp) {}

  /** The benchmark's scenarios: healthy releases, then worse and worse ones. */
  public static final List<Scenario> ALL = List.of(
      new Scenario("healthy-0.5", STABLE, 0.005),
      new Scenario("healthy-at-slo", STABLE, STABLE),
      // the 4th change is 25% -> 50%, 5 + 3 x 60 s after the release; readings at 35 + 60k s
      new Scenario("healthy-shared-incident", STABLE, STABLE, false,
          new SharedIncident(5 * STABLE, 4, Duration.ofSeconds(60), Duration.ofSeconds(35))),
      // a healthy release whose new pods fail 3x as often for their first 2 minutes
      new Scenario("healthy-cold-start", STABLE, STABLE, false, null,
          new ColdStart(3, Duration.ofMinutes(2))),
      new Scenario("1.5x", STABLE, 1.5 * STABLE),
      new Scenario("2x", STABLE, 2 * STABLE),
      new Scenario("slow-2x", STABLE, 2 * STABLE, true, null),
      new Scenario("5x", STABLE, 5 * STABLE),
      new Scenario("slow-5x", STABLE, 5 * STABLE, true, null),
      new Scenario("10x", STABLE, 10 * STABLE),
      new Scenario("total-failure", STABLE, 1));

  /** A release whose requests go wrong by failing, at rates that stay as they are. */
  public Scenario(String name, double stableErrorRate, double newErrorRate) {
    this(name, stableErrorRate, newErrorRate, false, null);
  }

  /** A release whose pods fail as warm ones from the start. */
  public Scenario(String name, double stableErrorRate, double newErrorRate, boolean slow,
      SharedIncident incident) {
    this(name, stableErrorRate, newErrorRate, slow, incident, null);
  }

  /** True when the new version fails more often than the stable one: it should be stopped. */
  public boolean regression() {
    return newErrorRate > stableErrorRate;
  }

  static Scenario named(String name) {
    return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name + "; there are "
            + String.join(", ", ALL.stream().map(Scenario::name).toList())));
  }
}
