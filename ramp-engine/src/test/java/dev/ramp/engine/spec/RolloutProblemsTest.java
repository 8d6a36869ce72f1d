package dev.ramp.engine.spec;

import static dev.ramp.engine.Fixtures.analysis;
import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the InvalidSpec condition says stops a rollout. */
class RolloutProblemsTest {

  @Test
  void aSpecWithManyProblemsShowsTheFirstFiveAndCountsTheOthers() {
    CanaryStep[] steps = IntStream.rangeClosed(1, 7)
        .mapToObj(i -> CanaryStep.analysis(analysis("check-" + i))).toArray(CanaryStep[]::new);

    RolloutProblems problems = RolloutProblems.ofSpec(snapshot(rollout("web", 2, "web:1", steps)));

    assertThat(problems.any()).isTrue();
    assertThat(problems.message().split("; ")).containsExactly(
        "spec.strategy.canary.steps[0].analysis: AnalysisTemplate \"check-1\" does not exist",
        "spec.strategy.canary.steps[1].analysis: AnalysisTemplate \"check-2\" does not exist",
        "spec.strategy.canary.steps[2].analysis: AnalysisTemplate \"check-3\" does not exist",
        "spec.strategy.canary.steps[3].analysis: AnalysisTemplate \"check-4\" does not exist",
        "spec.strategy.canary.steps[4].analysis: AnalysisTemplate \"check-5\" does not exist",
        "and 2 more problems");
  }

  @Test
  void aValidSpecHasNoProblem() {
    RolloutProblems spec = RolloutProblems.ofSpec(snapshot(rollout("web", 2, "web:1")));
    RolloutProblems revision =
        RolloutProblems.ofRevision(snapshot(rollout("web", 2, "web:1")), "abc", List.of());

    assertThat(spec.any()).isFalse();
    assertThat(revision.any()).isFalse();
    assertThat(revision.refusedRevision()).isNull();
  }

  @Test
  void aRefusalTheStatusRecordsStandsForItsRevisionOnly() {
    Rollout rollout = rollout("web", 2, "web:1");
    rollout.setStatus(new RolloutStatus());
    rollout.getStatus().refusedRevision = "abc";
    rollout.getStatus().refusal = "spec.template.spec.containers[0].image: Required value";

    RolloutProblems same = RolloutProblems.ofRevision(snapshot(rollout), "abc", List.of());
    RolloutProblems changed = RolloutProblems.ofRevision(snapshot(rollout), "def", List.of());

    assertThat(same.message()).isEqualTo("the API server refused the ReplicaSet of"
        + " revision abc: spec.template.spec.containers[0].image: Required value");
    assertThat(same.refusedRevision()).isEqualTo("abc");
    assertThat(same.refusal()).isEqualTo(rollout.getStatus().refusal);
    assertThat(changed.any()).isFalse();
  }

  @Test
  void strayReplicaSetsComeBeforeTheRefusal() {
    Snapshot refused = snapshot(rollout("web", 2, "web:1")).withRefusal("forbidden: quota");

    RolloutProblems problems = RolloutProblems.ofRevision(refused, "abc",
        List.of("ReplicaSet \"old\" runs pods that spec.selector \"app=web\" selects"));

    assertThat(problems.message()).isEqualTo(
        "ReplicaSet \"old\" runs pods that spec.selector \"app=web\" selects; the API server"
            + " refused the ReplicaSet of revision abc: forbidden: quota");
    assertThat(problems.refusedRevision()).isEqualTo("abc");
  }

  private static Snapshot snapshot(Rollout rollout) {
    return new Snapshot(rollout, List.of(), Map.of(), null, List.of(), List.of(), Map.of(), null,
        null, null);
  }
}
