package dev.ramp.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The threshold analysis of today's controllers, as the benchmark runs it. */
class ThresholdAnalysisTest {
  @Test
  void eachPassingCheckMovesTheWeightOneStepUntilEveryoneHasIt() {
    ThresholdLoop loop = new ThresholdLoop();
    assertThat(loop.weight()).isEqualTo(5);

    for (int expected : new int[] {10, 25, 50, 100}) {
      assertThat(loop.promoted()).isFalse();
      loop.check(1_000, 10); // 99.0% success: passes
      assertThat(loop.weight()).isEqualTo(expected);
    }
    assertThat(loop.promoted()).isTrue();
  }

  @Test
  void theFifthFailedCheckRollsBackEvenWithPassesInBetween() {
    ThresholdLoop loop = new ThresholdLoop();

    loop.check(100, 2); // 98%: fails, the weight stays
    assertThat(loop.weight()).isEqualTo(5);
    loop.check(100, 1);
    loop.check(0, 0); // no data fails, as an empty success-rate query does
    loop.check(100, 5);
    loop.check(100, 0);
    loop.check(300, 4);
    assertThat(loop.rolledBack()).isFalse();
    assertThat(loop.weight()).isEqualTo(25);

    loop.check(100, 100);

    assertThat(loop.rolledBack()).isTrue();
    assertThat(loop.weight()).isZero();
  }

  @Test
  void aTotalFailureIsRolledBackAfterFiveMinutesAtFivePercent() {
    ReleaseOutcome outcome = Releases.ship("threshold", "total-failure", 5);

    assertThat(outcome.rolledBack()).isTrue();
    // pods ready after 5 s, then five failed checks a minute apart
    assertThat(outcome.secondsToDecision()).isEqualTo(5 + 5 * 60);
    // five minutes of 5% of 100 requests per second, every one of them failed
    assertThat(outcome.newRequests()).isBetween(1_350L, 1_650L);
    assertThat(outcome.newErrors()).isEqualTo(outcome.newRequests());
  }

  @Test
  void aHealthyReleaseIsPromotedAfterFourPassingChecks() {
    ReleaseOutcome outcome = Releases.ship("threshold", "healthy-0.5", 1);

    assertThat(outcome.rolledBack()).isFalse();
    assertThat(outcome.secondsToFullPromotion()).isEqualTo(5 + 4 * 60);
    assertThat(outcome.secondsToDecision()).isEqualTo(outcome.secondsToFullPromotion());
  }
}
