package dev.ramp.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.CounterReading;
import org.junit.jupiter.api.Test;

/** The oracle: Wald's SPRT on the canary's requests, told the true error rates. */
class SprtOracleTest {
  private static CounterReading canary(long requests, long errors) {
    return new CounterReading(errors, requests, 0, 0);
  }

  @Test
  void aRegressionIsCalledOnceTheEvidenceReachesWaldsBound() {
    SprtOracle oracle = new SprtOracle(Scenario.named("5x"));

    assertThat(oracle.measure("errors", canary(10, 0)).verdict())
        .isEqualTo(AnalysisPhase.Inconclusive);
    // 10 ln 5 + 190 ln(0.95 / 0.99) = 8.2 ≥ ln(0.95 / 0.01) = 4.55
    assertThat(oracle.measure("errors", canary(200, 10)).verdict())
        .isEqualTo(AnalysisPhase.Failed);
  }

  @Test
  void aHealthyCanaryIsAcceptedAgainstTwiceTheStableRateAndTheDecisionStands() {
    SprtOracle oracle = new SprtOracle(Scenario.named("healthy-at-slo"));

    // 5 ln 2 + 995 ln(0.98 / 0.99) = −6.6 ≤ ln(0.05 / 0.99) = −2.99
    assertThat(oracle.measure("errors", canary(1_000, 5)).verdict())
        .isEqualTo(AnalysisPhase.Successful);
    // Wald's test stops at its decision: later errors do not reopen it
    assertThat(oracle.measure("errors", canary(1_200, 60)).verdict())
        .isEqualTo(AnalysisPhase.Successful);
  }

  @Test
  void withoutEnoughRequestsItKeepsMeasuring() {
    SprtOracle oracle = new SprtOracle(Scenario.named("2x"));

    // one error in 50 requests is what both rates could give
    assertThat(oracle.measure("errors", canary(50, 1)).verdict())
        .isEqualTo(AnalysisPhase.Inconclusive);
  }
}
