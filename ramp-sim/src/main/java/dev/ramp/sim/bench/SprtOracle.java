package dev.ramp.sim.bench;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.engine.analysis.Taken;
import dev.ramp.engine.judge.Decision;
import dev.ramp.engine.judge.Sprt;
import java.util.Map;

/**
 * The reference no real analysis can reach: Wald's SPRT on the new version's requests alone,
 * told the true error rates: p0 the stable version's, p1 the new version's when it is worse, and
 * twice the stable's (the alternative it guards against) when it is not. It stops at its first
 * decision, as Wald's test does; a regression fails the measurement and so rolls the release
 * back, and while undecided the measurement is inconclusive, which keeps a compare metric going.
 */
final class SprtOracle implements MeasurementSource {
  static final double ALPHA = 0.01;
  static final double BETA = 0.05;

  private final Sprt sprt;
  private Decision decision = Decision.UNDECIDED;

  SprtOracle(Scenario scenario) {
    double p0 = scenario.stableErrorRate();
    double p1 = scenario.regression() ? scenario.newErrorRate() : 2 * p0;
    this.sprt = new Sprt(p0, p1, ALPHA, BETA);
  }

  @Override
  public Taken measure(String metric, CounterReading reading) {
    if (decision == Decision.UNDECIDED) {
      decision = sprt.decide(Math.round(reading.canaryRequests()),
          Math.round(reading.canaryEvents()));
    }
    AnalysisPhase phase = switch (decision) {
      case REGRESSION -> AnalysisPhase.Failed;
      case ACCEPTABLE -> AnalysisPhase.Successful;
      case UNDECIDED -> AnalysisPhase.Inconclusive;
    };
    return new Taken(metric, false, null, phase, null, "SPRT: " + decision, Map.of());
  }
}
