package dev.ramp.sim.bench;

/** One release of a scenario, shipped under one of the benchmark's analyses. */
final class Releases {
  static final TrafficProfile STEADY = new TrafficProfile(100, false);

  private Releases() {}

  static ReleaseOutcome ship(String analysis, String scenario, long seed) {
    Scenario shipped = Scenario.named(scenario);
    return DetectionBench.analysisNamed(analysis).ship(shipped, new Traffic(shipped, STEADY, seed));
  }
}
