package dev.ramp.sim.bench;

/** A way of deciding whether a release goes ahead, as the benchmark compares them. */
interface ReleaseAnalysis {
  /** The name in the benchmark's table. */
  String name();

  /** Ships a release to the given users and says how it went. */
  ReleaseOutcome ship(Scenario scenario, Traffic traffic);
}
