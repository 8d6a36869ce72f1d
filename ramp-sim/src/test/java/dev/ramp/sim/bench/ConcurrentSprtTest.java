package dev.ramp.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.CounterReading;
import org.junit.jupiter.api.Test;

/** The concurrent reference: Wald's SPRT on how events split, told the true ratio. */
class ConcurrentSprtTest {
  @Test
  void aRegressionIsCalledOnceTheSplitOfEventsReachesWaldsBound() {
    ConcurrentSprt sprt = new ConcurrentSprt(Scenario.named("5x"));

    // an even split: θ(5) = 5/6; 3 ln(5/3) + 1 ln(1/3) = 0.43
    assertThat(sprt.measure("errors", new CounterReading(3, 1_000, 1, 1_000)).verdict())
        .isEqualTo(AnalysisPhase.Inconclusive);
    // the next batch alone, 12 events to 1: 12 ln(5/3) + ln(1/3) = 5.03; 5.46 ≥ ln 95 = 4.55
    assertThat(sprt.measure("errors", new CounterReading(15, 2_000, 2, 2_000)).verdict())
        .isEqualTo(AnalysisPhase.Failed);
  }

  @Test
  void anIncidentBothVersionsShareIsNoRegressionToIt() {
    ConcurrentSprt concurrent = new ConcurrentSprt(Scenario.named("healthy-at-slo"));
    SprtOracle oracle = new SprtOracle(Scenario.named("healthy-at-slo"));
    // both versions fail 5% of 1,000 requests each, five times the stable's usual 1%
    CounterReading incident = new CounterReading(50, 1_000, 50, 1_000);

    // told the usual base rate, the oracle takes it for a regression of the canary
    assertThat(oracle.measure("errors", incident).verdict()).isEqualTo(AnalysisPhase.Failed);
    // the split is even, as a canary as good as stable gives: 50 ln(4/3) + 50 ln(2/3) = −5.9
    assertThat(concurrent.measure("errors", incident).verdict())
        .isEqualTo(AnalysisPhase.Successful);
  }

  @Test
  void eachBatchIsWeighedAtItsOwnShare() {
    ConcurrentSprt sprt = new ConcurrentSprt(Scenario.named("2x"));

    // at a 10% share, θ(2) = 2/11: 10 canary events of 60 give 10 ln(20/11) + 50 ln(0.9/0.99)
    // = 1.21
    assertThat(sprt.measure("errors", new CounterReading(10, 500, 50, 4_500)).verdict())
        .isEqualTo(AnalysisPhase.Inconclusive);
    // then at 50%, θ(2) = 2/3: 28 of 38 give 28 ln(4/3) + 10 ln(2/3) = 4.00, in all 5.21 ≥ 4.55
    // (pooled at the overall share of 28% the 38 of 98 events would give only 2.3)
    assertThat(sprt.measure("errors", new CounterReading(38, 2_500, 60, 6_500)).verdict())
        .isEqualTo(AnalysisPhase.Failed);
  }
}
