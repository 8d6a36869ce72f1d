package dev.ramp.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single releases as each analysis ships them, on the same users. */
class ReleaseTest {
  /** Pods ready, then four one-minute steps (5, 10, 25, 50%) before everyone gets it. */
  private static final long SCHEDULE_SECONDS = 5 + 4 * 60;

  @Test
  void aHealthyReleaseReachesEveryoneAfterTheFourStepsOfTheThresholdAnalysis() {
    ReleaseOutcome outcome = Releases.ship("threshold", "healthy-0.5", 3);

    assertThat(outcome.rolledBack()).isFalse();
    assertThat(outcome.secondsToFullPromotion()).isBetween(SCHEDULE_SECONDS,
        SCHEDULE_SECONDS + 30);
    // about 5% + 10% + 25% + 50% of a minute of 100 requests per second
    assertThat(outcome.newRequests()).isBetween(4_500L, 6_300L);
  }

  /** The Rollout's judge (or the oracle in its place) must accept before everyone gets it. */
  @ParameterizedTest
  @ValueSource(strings = {"ramp-judge", "sprt-oracle"})
  void aHealthyReleaseReachesEveryoneOnlyOnceAcceptedAndNotBeforeTheFourSteps(String analysis) {
    ReleaseOutcome outcome = Releases.ship(analysis, "healthy-0.5", 3);

    assertThat(outcome.rolledBack()).isFalse();
    assertThat(outcome.secondsToDecision()).as("accepted").isNotNull();
    // the Rollout also waits for the canary's new pods at each step
    assertThat(outcome.secondsToFullPromotion()).isGreaterThanOrEqualTo(SCHEDULE_SECONDS)
        .isGreaterThanOrEqualTo(outcome.secondsToDecision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ramp-judge", "sprt-oracle"})
  void aReleaseThatFailsEveryRequestIsSentBackWithinItsFirstSeconds(String analysis) {
    ReleaseOutcome outcome = Releases.ship(analysis, "total-failure", 3);

    assertThat(outcome.rolledBack()).isTrue();
    assertThat(outcome.secondsToFullPromotion()).isNull();
    assertThat(outcome.newRequests()).isPositive().isLessThanOrEqualTo(50);
    assertThat(outcome.newErrors()).isEqualTo(outcome.newRequests());
    assertThat(outcome.secondsToDecision()).isLessThan(20);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ramp-judge", "sprt-oracle"})
  void aReleaseSlowFiveTimesAsOftenIsSentBackLikeOneFailingFiveTimesAsOften(String analysis) {
    ReleaseOutcome slow = Releases.ship(analysis, "slow-5x", 3);
    ReleaseOutcome failing = Releases.ship(analysis, "5x", 3);

    assertThat(slow.rolledBack()).isTrue();
    assertThat(slow.secondsToFullPromotion()).isNull();
    assertThat(slow.newErrors()).as("slow requests served").isPositive();
    assertThat(failing.rolledBack()).isTrue();
    // the same users arrive, but the slow ones are not the ones that fail
    assertThat(slow).isNotEqualTo(failing);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ramp-judge", "threshold", "sprt-oracle"})
  void theAnalysesMeetTheSameUsers(String analysis) {
    ReleaseOutcome first = Releases.ship(analysis, "2x", 11);

    assertThat(Releases.ship(analysis, "2x", 11)).isEqualTo(first);
  }
}
