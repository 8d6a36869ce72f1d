package dev.ramp.sim.bench;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.engine.analysis.Taken;
import dev.ramp.engine.judge.Decision;
import dev.ramp.engine.judge.Sprt;
import java.util.Map;

/**
 * The reference no comparison with the concurrent stable traffic can beat: Wald's SPRT on how
 * each batch's events split between the new version and the stable one, told the true ratio of
 * their rates (twice the stable's when the new version is not worse, as {@link SprtOracle}).
 * Given a batch's events, each lands on the new version with probability θ = ρr/(ρr + 1 − ρ), ρ
 * being its share of the batch's requests and r the ratio; the test weighs θ at the true ratio
 * against θ = ρ, batch by batch, as Ramp's judge does for every ratio at once. Unlike {@link
 * SprtOracle} it needs no base rate, so it pays what any such comparison pays for not knowing
 * it: stable's events carry the information at a large canary share.
 */
final class ConcurrentSprt implements MeasurementSource {
  private final double ratio;
  private CounterReading last = new CounterReading(0, 0, 0, 0);
  private double logLikelihoodRatio;
  private Decision decision = Decision.UNDECIDED;

  ConcurrentSprt(Scenario scenario) {
    this.ratio = scenario.regression()
        ? scenario.newErrorRate() / scenario.stableErrorRate() : 2;
  }

  @Override
  public Taken measure(String metric, CounterReading reading) {
    if (decision == Decision.UNDECIDED) {
      logLikelihoodRatio += batchEvidence(reading);
      decision = Sprt.decide(logLikelihoodRatio, SprtOracle.ALPHA, SprtOracle.BETA);
    }
    last = reading;
    AnalysisPhase phase = switch (decision) {
      case REGRESSION -> AnalysisPhase.Failed;
      case ACCEPTABLE -> AnalysisPhase.Successful;
      case UNDECIDED -> AnalysisPhase.Inconclusive;
    };
    return new Taken(metric, false, null, phase, null, "concurrent SPRT: " + decision,
        Map.of());
  }

  /** c·ln(θ/ρ) + b·ln((1 − θ)/(1 − ρ)) for the batch since the last reading. */
  private double batchEvidence(CounterReading reading) {
    double canaryRequests = reading.canaryRequests() - last.canaryRequests();
    double stableRequests = reading.stableRequests() - last.stableRequests();
    double canaryEvents = reading.canaryEvents() - last.canaryEvents();
    double stableEvents = reading.stableEvents() - last.stableEvents();
    if (canaryRequests <= 0 || stableRequests <= 0) {
      return 0;
    }
    double share = canaryRequests / (canaryRequests + stableRequests);
    double theta = share * ratio / (share * ratio + 1 - share);
    return canaryEvents * Math.log(theta / share)
        + stableEvents * Math.log((1 - theta) / (1 - share));
  }
}
