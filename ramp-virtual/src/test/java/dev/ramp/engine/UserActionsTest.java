package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a person can ask of a rollout: abort, retry, pause, resume, undo, restart, rescale. */
class UserActionsTest {

  private static World midRollout(int replicas) {
    return World.updatingToV2(rollout("checkout", replicas, "demo:v1",
        CanaryStep.weight(20), CanaryStep.pause(null), CanaryStep.weight(60),
        CanaryStep.pause(null)));
  }

  @Test
  void abortSendsEverythingBackToStableAndScalesTheCanaryDownAtOnceWithoutARouter() {
    World world = midRollout(5);
    String v1 = world.status().stableRevision;
    String v2 = world.status().updatedRevision;
    world.rollout.getSpec().strategy.canary.abortScaleDownDelaySeconds = 60;

    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.rs(v2).replicas()).isZero();
    assertThat(world.rs(v1).replicas()).isEqualTo(5);
    assertThat(world.status().canary.weight).isZero();
    assertThat(world.status().message).contains("aborted", "stable revision " + v1);
    assertThat(world.conditionStatus("Progressing")).isEqualTo("False");
    assertThat(world.events).extracting(RolloutEvent::reason).contains("RolloutAborted");

    world.advance(Duration.ofMinutes(10));
    world.runUntilStable();
    assertThat(world.status().phase).as("aborted stays aborted").isEqualTo("Aborted");
  }

  @Test
  void retryAfterAbortStartsTheStepsAgain() {
    World world = midRollout(5);
    String v2 = world.status().updatedRevision;
    world.status().abort = true;
    world.runUntilStable();

    world.status().abort = false;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.rs(v2).replicas()).isEqualTo(1);
    assertThat(world.events).extracting(RolloutEvent::reason).contains("RolloutRetried");
  }

  @Test
  void abortWithNothingToAbortIsIgnoredWithAWarning() {
    World world = new World(rollout("checkout", 2, "demo:v1"));
    world.runUntilStable();

    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().abort).isNull();
    assertThat(world.events).filteredOn(RolloutEvent::warning).extracting(RolloutEvent::reason)
        .containsExactly("NothingToAbort");
  }

  @Test
  void pauseHoldsTheStepsAndResumeContinues() {
    World world = new World(rollout("checkout", 4, "demo:v1",
        CanaryStep.weight(25), CanaryStep.pause("10s"), CanaryStep.weight(50)));
    world.runUntilStable();
    world.rollout.getSpec().paused = true;
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().currentStepIndex).isZero();
    assertThat(world.conditionReason("Paused")).isEqualTo("PausedByUser");

    world.rollout.getSpec().paused = false;
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    world.advance(Duration.ofSeconds(10));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  @Test
  void scaleChangeWhilePausedResizesBothRevisions() {
    World world = midRollout(5);
    String v1 = world.status().stableRevision;
    String v2 = world.status().updatedRevision;

    world.rollout.getSpec().replicas = 10;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.rs(v1).replicas()).isEqualTo(8);
    assertThat(world.rs(v2).replicas()).as("20% of 10 pods").isEqualTo(2);
  }

  @Test
  void undoPutsBackThePreviousTemplateAndReusesItsReplicaSet() {
    World world = new World(rollout("checkout", 2, "demo:v1"));
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    PodTemplateSpec v1Template = world.rs(v1).template();
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().stableRevision;
    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();
    assertThat(world.rs(v1).replicas()).isZero();

    PodTemplateSpec old = Json.copy(v1Template);
    old.getMetadata().getLabels().put("rollouts-pod-template-hash", v1);
    world.rollout.getSpec().template = old;
    world.bumpGeneration();
    world.runUntilStable();

    assertThat(world.status().stableRevision).isEqualTo(v1);
    assertThat(world.replicaSets()).hasSize(2);
    assertThat(world.rs(v1).replicas()).isEqualTo(2);
    assertThat(world.rs(v1).revision()).isGreaterThan(world.rs(v2).revision());
  }

  @Test
  void restartRecreatesPodsAFewAtATime() {
    World world = new World(rollout("checkout", 4, "demo:v1"));
    world.rollout.getSpec().strategy.canary.maxUnavailable =
        new io.fabric8.kubernetes.api.model.IntOrString(1);
    world.runUntilStable();
    Instant before = world.now;
    world.advance(Duration.ofMinutes(1));
    world.rollout.getSpec().restartAt = world.now.toString();
    world.bumpGeneration();

    Plan first = world.reconcile();
    assertThat(first.actions()).filteredOn(a -> a instanceof Action.DeletePod).hasSize(1);
    world.settlePods();
    world.runUntilStable();

    assertThat(world.pods()).hasSize(4).allMatch(p -> p.created().isAfter(before));
    assertThat(world.status().restartedAt).isEqualTo(world.rollout.getSpec().restartAt);
    assertThat(world.events).extracting(RolloutEvent::reason).contains("RolloutRestarted");
  }
}
