package dev.ramp.sim.bench;

import java.util.List;

/**
 * A release to ship: the error rates of the version users have (stable) and of the new one.
 *
 * @param name as the benchmark's table shows it
 */
public record Scenario(String name, double stableErrorRate, double newErrorRate) {
  private static final double STABLE = 0.01;

  /** The benchmark's scenarios: two healthy releases, then worse and worse ones. */
  public static final List<Scenario> ALL = List.of(
      new Scenario("healthy-0.5", STABLE, 0.005),
      new Scenario("healthy-at-slo", STABLE, STABLE),
      new Scenario("1.5x", STABLE, 1.5 * STABLE),
      new Scenario("2x", STABLE, 2 * STABLE),
      new Scenario("5x", STABLE, 5 * STABLE),
      new Scenario("10x", STABLE, 10 * STABLE),
      new Scenario("total-failure", STABLE, 1));

  /** True when the new version fails more often than the stable one: it should be stopped. */
  public boolean regression() {
    return newErrorRate > stableErrorRate;
  }

  static Scenario named(String name) {
    return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
  }
}
