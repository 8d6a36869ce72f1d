package dev.ramp.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code healthy-cold-start}: the new version's pods and a fresh baseline's fail 3x as often as
 * the stable's for their first 2 minutes with traffic, then as often; and what that does to the
 * judge with and without a fresh baseline.
 */
class ColdStartTest {
  private static final TrafficProfile BUSY = new TrafficProfile(20_000, false);

  private static double rate(long errors, long requests) {
    return (double) errors / requests;
  }

  @Test
  void newPodsFailThreeTimesAsOftenForTheirFirstTwoMinutesWithTraffic() {
    Traffic traffic = new Traffic(Scenario.named("healthy-cold-start"), BUSY, 1);

    for (int second = 0; second < 10; second++) {
      Traffic.Second nothingNew = traffic.next(0, 0);
      assertThat(nothingNew.newRequests()).isZero();
      assertThat(rate(nothingNew.stableErrors(), nothingNew.stableRequests()))
          .isBetween(0.007, 0.013);
    }
    for (int second = 0; second < 120; second += 20) {
      Traffic.Second cold = traffic.next(0.25, 0.25);
      assertThat(rate(cold.newErrors(), cold.newRequests())).as("second %s", second)
          .isBetween(0.025, 0.035);
      assertThat(rate(cold.baselineErrors(), cold.baselineRequests())).as("second %s", second)
          .isBetween(0.025, 0.035);
      assertThat(rate(cold.stableErrors(), cold.stableRequests())).as("second %s", second)
          .isBetween(0.007, 0.013);
      for (int skipped = 1; skipped < 20; skipped++) {
        traffic.next(0.25, 0.25);
      }
    }
    Traffic.Second warm = traffic.next(0.25, 0.25);
    assertThat(rate(warm.newErrors(), warm.newRequests())).isBetween(0.007, 0.013);
    assertThat(rate(warm.baselineErrors(), warm.baselineRequests())).isBetween(0.007, 0.013);
  }

  @Test
  void aBaselineStartedLaterWarmsUpFromItsOwnFirstShare() {
    Traffic traffic = new Traffic(Scenario.named("healthy-cold-start"), BUSY, 1);
    for (int second = 0; second < 120; second++) {
      traffic.next(0.25, 0);
    }

    Traffic.Second second = traffic.next(0.25, 0.25);

    assertThat(rate(second.newErrors(), second.newRequests())).isBetween(0.007, 0.013);
    assertThat(rate(second.baselineErrors(), second.baselineRequests()))
        .isBetween(0.025, 0.035);
  }

  /** The judge compares new pods with warm ones and takes the warm-up for a regression. */
  @Test
  void theJudgeAloneRollsBackAHealthyReleaseThatStartsCold() {
    ReleaseOutcome outcome = Releases.ship("ramp-judge", "healthy-cold-start", 3);

    assertThat(outcome.rolledBack()).isTrue();
  }

  /** The judge compares new pods with a baseline as fresh: the release reaches everyone. */
  @Test
  void theJudgeWithAFreshBaselineLetsAHealthyReleaseThatStartsColdThrough() {
    ReleaseOutcome outcome = Releases.ship("ramp-judge-baseline", "healthy-cold-start", 3);

    assertThat(outcome.rolledBack()).isFalse();
    assertThat(outcome.secondsToFullPromotion()).isNotNull();
  }

  /** A real regression is still caught against the fresh baseline. */
  @Test
  void theJudgeWithAFreshBaselineRollsBackAReleaseFailingFiveTimesAsOften() {
    ReleaseOutcome outcome = Releases.ship("ramp-judge-baseline", "5x", 3);

    assertThat(outcome.rolledBack()).isTrue();
    assertThat(outcome.secondsToFullPromotion()).isNull();
  }
}
