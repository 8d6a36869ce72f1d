package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStatus;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AnalysisRuns a user finds next to a rollout, and which one Ramp counts. */
class RolloutRunsTest {
  private final Rollout rollout = Fixtures.rollout("web", 2, "web:1");

  @Test
  void theFirstRunOfARevisionIsNamedAfterTheRolloutTheRevisionAndTheKind() {
    RolloutRuns runs = RolloutRuns.of(rollout, List.of());

    assertThat(runs.nextName("abc", "background")).isEqualTo("web-abc-background");
    assertThat(runs.nextName("abc", "2")).isEqualTo("web-abc-2");
  }

  @Test
  void aRunThatReplacesOthersIsNumberedAfterThemAndOtherKindsDoNotCount() {
    RolloutRuns runs = RolloutRuns.of(rollout, List.of(
        run("web-abc-background", "abc", "background", true),
        run("web-abc-background.2", "abc", "background", true),
        run("web-abc-2", "abc", "2", false),
        run("web-def-background", "def", "background", true)));

    assertThat(runs.nextName("abc", "background")).isEqualTo("web-abc-background.3");
    assertThat(runs.nextName("abc", "2")).isEqualTo("web-abc-2.2");
    assertThat(runs.nextName("xyz", "background")).isEqualTo("web-xyz-background");
  }

  @Test
  void theRunInUseIsTheNewestOneNotStoppedCountingAttemptsAsNumbers() {
    RolloutRuns runs = RolloutRuns.of(rollout, List.of(
        run("web-abc-background.10", "abc", "background", false),
        run("web-abc-background.9", "abc", "background", false),
        run("web-abc-background", "abc", "background", false)));

    assertThat(runs.current("abc", "background").map(AnalysisRunView::name))
        .contains("web-abc-background.10");
  }

  @Test
  void aStoppedRunIsNotUsedAgain() {
    RolloutRuns runs = RolloutRuns.of(rollout, List.of(
        run("web-abc-background", "abc", "background", true)));

    assertThat(runs.current("abc", "background")).isEmpty();
    assertThat(runs.current("def", "background")).isEmpty();
  }

  @Test
  void aStoppedRunTheStatusStillNamesKeepsItsVerdict() {
    // The decision that stopped it did not get to write the status: its verdict still counts.
    rollout.setStatus(new RolloutStatus());
    rollout.getStatus().canary = new CanaryStatus();
    rollout.getStatus().canary.backgroundAnalysisRun = "web-abc-background";
    RolloutRuns runs = RolloutRuns.of(rollout, List.of(
        run("web-abc-background", "abc", "background", true)));

    assertThat(runs.current("abc", "background").map(AnalysisRunView::phase))
        .contains(AnalysisPhase.Failed);
  }

  private static AnalysisRunView run(String name, String revision, String kind,
      boolean terminated) {
    return new AnalysisRunView(name, revision, kind, AnalysisPhase.Failed, "error rate 0.3",
        terminated, null, null);
  }
}
