package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ramp.api.CanaryStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressDeadlineTest {

  private static World stuckCanary(boolean abort) {
    World world = new World(rollout("checkout", 3, "demo:v1", CanaryStep.weight(33),
        CanaryStep.pause(null)));
    world.rollout.getSpec().progressDeadlineSeconds = 60;
    world.rollout.getSpec().progressDeadlineAbort = abort;
    world.runUntilStable();
    world.setImage("demo:v2-broken");
    world.runUntilStable();
    return world;
  }

  @Test
  void aCanaryThatNeverBecomesAvailableDegradesTheRolloutAtTheDeadline() {
    World world = stuckCanary(false);
    Plan waiting = world.runUntilStable();
    assertThat(waiting.requeueAfter()).isEqualTo(Duration.ofSeconds(60));

    world.advance(Duration.ofSeconds(59));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Progressing");

    world.advance(Duration.ofSeconds(1));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Degraded");
    assertThat(world.conditionStatus("Progressing")).isEqualTo("False");
    assertThat(world.conditionReason("Progressing")).isEqualTo("ProgressDeadlineExceeded");
    assertThat(world.events).filteredOn(RolloutEvent::warning).extracting(RolloutEvent::reason)
        .containsExactly("ProgressDeadlineExceeded");
    assertThat(world.rs(world.status().updatedRevision).replicas())
        .as("without progressDeadlineAbort the canary stays").isEqualTo(1);
  }

  @Test
  void aDegradedRolloutContinuesWhenThePodsComeUp() {
    World world = stuckCanary(false);
    world.advance(Duration.ofSeconds(61));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Degraded");

    world.brokenImages = image -> false;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().currentStepIndex).isEqualTo(1);
  }

  @Test
  void withProgressDeadlineAbortTheRolloutAborts() {
    World world = stuckCanary(true);
    String v1 = world.status().stableRevision;
    world.advance(Duration.ofSeconds(60));
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().message).contains("progress deadline exceeded");
    assertThat(world.rs(world.status().updatedRevision).replicas()).isZero();
    assertThat(world.rs(v1).replicas()).isEqualTo(3);
    assertThat(world.events).extracting(RolloutEvent::reason)
        .containsSubsequence("ProgressDeadlineExceeded", "RolloutAborted");
  }

  @Test
  void theDecisionAtTheDeadlineReportsTheStallThenTheAbort() {
    World world = stuckCanary(true);
    String v1 = world.status().stableRevision;
    world.advance(Duration.ofSeconds(60));

    Plan plan = world.reconcile();

    String abortMessage = "Rollout aborted: progress deadline exceeded at step 1/2 (setWeight 33)."
        + " All traffic and replicas are back on stable revision " + v1;
    assertThat(plan.events()).extracting(RolloutEvent::warning, RolloutEvent::reason,
            RolloutEvent::message)
        .startsWith(
            tuple(true, "ProgressDeadlineExceeded", "No progress for 1m at step 1/2 (setWeight 33)"),
            tuple(true, "RolloutAborted", abortMessage));
    assertThat(plan.status().phase).isEqualTo("Aborted");
    assertThat(plan.status().abort).isTrue();
    assertThat(plan.status().message).isEqualTo(abortMessage);
  }

  /** A pod that becomes available is progress too, also in the middle of a step. */
  @Test
  void eachPodThatBecomesAvailableRestartsTheDeadline() {
    World world = new World(rollout("checkout", 4, "demo:v1", CanaryStep.weight(50),
        CanaryStep.pause(null)));
    world.rollout.getSpec().progressDeadlineSeconds = 60;
    world.runUntilStable();
    world.setImage("demo:v2-broken");
    world.runUntilStable();
    var canary = world.rs(world.status().updatedRevision);
    assertThat(canary.replicas()).isEqualTo(2);
    assertThat(canary.availableReplicas()).isZero();

    world.advance(Duration.ofSeconds(40));
    world.setAvailable(canary.hash(), 1);
    world.reconcile();
    world.advance(Duration.ofSeconds(40));
    world.reconcile();

    assertThat(world.status().phase).as("80s into the step, 40s after its first pod came up")
        .isEqualTo("Progressing");
    world.advance(Duration.ofSeconds(20));
    world.reconcile();
    assertThat(world.status().phase).isEqualTo("Degraded");
  }

  @Test
  void timeSpentPausedDoesNotCountTowardsTheDeadline() {
    World world = new World(rollout("checkout", 2, "demo:v1", CanaryStep.weight(50),
        CanaryStep.pause(null), CanaryStep.weight(100)));
    world.rollout.getSpec().progressDeadlineSeconds = 60;
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    world.advance(Duration.ofHours(1));
    world.runUntilStable();
    world.promote();
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
  }
}
