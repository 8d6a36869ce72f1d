package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canary rollouts through the real operator against the CRUD mock API server. */
class CanaryRolloutTest extends ClusterTest {
  @Test
  void initialDeployCreatesOneReplicaSetAtFullSizeAndBecomesHealthy() {
    cluster.create(Rollouts.canary("initial", 3, "demo:v1", weight(20), pause(null)));

    Rollout rollout = cluster.awaitPhase("initial", "Healthy");

    List<ReplicaSet> replicaSets = cluster.replicaSets("initial");
    assertThat(replicaSets).hasSize(1);
    ReplicaSet rs = replicaSets.get(0);
    String hash = rollout.getStatus().stableRevision;
    assertThat(rs.getMetadata().getName()).isEqualTo("initial-" + hash);
    assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
    assertThat(rs.getSpec().getSelector().getMatchLabels())
        .containsEntry("app", "initial").containsEntry("rollouts-pod-template-hash", hash);
    assertThat(rs.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("rollouts-pod-template-hash", hash);
    assertThat(rs.getMetadata().getAnnotations()).containsEntry("ramp.dev/revision", "1");
    assertThat(rs.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("initial"));
    assertThat(rollout.getStatus().availableReplicas).isEqualTo(3);
    assertThat(rollout.getStatus().currentStepIndex).isEqualTo(2);
    assertThat(rollout.getStatus().observedGeneration).isEqualTo(1L);
    cluster.eventually(() -> assertThat(cluster.eventReasons("initial"))
        .containsSubsequence("RolloutUpdated", "RolloutHealthy")
        .doesNotContain("RolloutPaused"));
  }

  @Test
  void stepsRunWithTimedAndIndefinitePausesAndPromote() {
    cluster.create(Rollouts.canary("steps", 4, "demo:v1",
        weight(25), pause("1s"), weight(50), pause(null)));
    String v1 = cluster.awaitPhase("steps", "Healthy").getStatus().stableRevision;

    cluster.setImage("steps", "demo:v2");

    Rollout paused = cluster.awaitStep("steps", 3, "Paused");
    String v2 = paused.getStatus().updatedRevision;
    assertThat(cluster.replicas("steps", v2)).isEqualTo(2);
    assertThat(cluster.replicas("steps", v1)).isEqualTo(2);
    assertThat(paused.getStatus().canary.weight).isEqualTo(50);
    assertThat(paused.getStatus().message).contains("promote to continue");

    cluster.patchStatus("steps", "{\"status\":{\"pauseConditions\":null}}");

    Rollout done = cluster.awaitPhase("steps", "Healthy");
    assertThat(done.getStatus().stableRevision).isEqualTo(v2);
    assertThat(cluster.replicas("steps", v2)).isEqualTo(4);
    cluster.await("steps", "old stable scaled down", r -> cluster.replicas("steps", v1) == 0);
    cluster.eventually(() -> assertThat(cluster.eventReasons("steps")).containsSubsequence(
        "RolloutUpdated", "RolloutStepCompleted", "RolloutPaused", "RolloutStepCompleted",
        "RolloutStepCompleted", "RolloutPaused", "RolloutStepCompleted", "RolloutCompleted"));
    assertThat(done.getStatus().conditions).anySatisfy(c -> {
      assertThat(c.type).isEqualTo("Completed");
      assertThat(c.status).isEqualTo("True");
    });
  }

  @Test
  void promoteFullSkipsTheRemainingSteps() {
    cluster.create(Rollouts.canary("full", 2, "demo:v1", weight(50), pause(null), weight(80),
        pause(null)));
    cluster.awaitPhase("full", "Healthy");
    cluster.setImage("full", "demo:v2");
    cluster.awaitStep("full", 1, "Paused");

    cluster.patchStatus("full", "{\"status\":{\"promoteFull\":true}}");

    Rollout done = cluster.awaitPhase("full", "Healthy");
    assertThat(done.getStatus().stableRevision).isEqualTo(done.getStatus().updatedRevision);
    cluster.eventually(() -> assertThat(cluster.eventReasons("full")).contains("RolloutPromoted")
        .doesNotContain("NothingToPromote"));
  }

  @Test
  void abortThenRetry() {
    cluster.create(Rollouts.canary("abort", 3, "demo:v1", weight(34), pause(null)));
    String v1 = cluster.awaitPhase("abort", "Healthy").getStatus().stableRevision;
    cluster.setImage("abort", "demo:v2");
    String v2 = cluster.awaitStep("abort", 1, "Paused").getStatus().updatedRevision;

    cluster.patchStatus("abort", "{\"status\":{\"abort\":true}}");

    Rollout aborted = cluster.awaitPhase("abort", "Aborted");
    cluster.await("abort", "canary scaled down", r -> cluster.replicas("abort", v2) == 0);
    assertThat(cluster.replicas("abort", v1)).isEqualTo(3);
    assertThat(aborted.getStatus().canary.weight).isZero();
    assertThat(aborted.getStatus().message).contains("Rollout aborted");

    cluster.patchStatus("abort", "{\"status\":{\"abort\":false}}");

    cluster.awaitStep("abort", 1, "Paused");
    assertThat(cluster.replicas("abort", v2)).as("34% of 3 pods: 1 is 33%").isEqualTo(1);
    cluster.eventually(() -> assertThat(cluster.eventReasons("abort")).containsSubsequence(
        "RolloutAborted", "RolloutRetried"));
  }

  @Test
  void goingBackToTheStableTemplateSkipsTheSteps() {
    cluster.create(Rollouts.canary("back", 2, "demo:v1", weight(50), pause(null)));
    String v1 = cluster.awaitPhase("back", "Healthy").getStatus().stableRevision;
    cluster.setImage("back", "demo:v2");
    String v2 = cluster.awaitStep("back", 1, "Paused").getStatus().updatedRevision;

    cluster.setImage("back", "demo:v1");

    Rollout back = cluster.awaitPhase("back", "Healthy");
    assertThat(back.getStatus().stableRevision).isEqualTo(v1);
    assertThat(back.getStatus().updatedRevision).isEqualTo(v1);
    cluster.await("back", "canary gone", r -> cluster.replicas("back", v2) == 0);
  }

  @Test
  void scaleChangeWhilePausedResizesBothRevisions() {
    cluster.create(Rollouts.canary("scale", 4, "demo:v1", weight(25), pause(null)));
    String v1 = cluster.awaitPhase("scale", "Healthy").getStatus().stableRevision;
    cluster.setImage("scale", "demo:v2");
    String v2 = cluster.awaitStep("scale", 1, "Paused").getStatus().updatedRevision;

    cluster.patch("scale", "{\"spec\":{\"replicas\":8}}");

    cluster.await("scale", "resized", r -> cluster.replicas("scale", v1) == 6
        && cluster.replicas("scale", v2) == 2 && r.getStatus().availableReplicas == 8);
    assertThat(cluster.rollout("scale").getStatus().phase).isEqualTo("Paused");
  }

  @Test
  void pauseAndResumeThroughSpecPaused() {
    cluster.create(Rollouts.canary("pause", 2, "demo:v1", weight(50), weight(100)));
    cluster.awaitPhase("pause", "Healthy");
    cluster.patch("pause", "{\"spec\":{\"paused\":true}}");
    cluster.awaitPhase("pause", "Paused");
    cluster.setImage("pause", "demo:v2");
    Rollout held = cluster.awaitPhase("pause", "Paused");
    assertThat(held.getStatus().currentStepIndex).isZero();

    cluster.patch("pause", "{\"spec\":{\"paused\":false}}");

    Rollout done = cluster.awaitPhase("pause", "Healthy");
    assertThat(done.getStatus().stableRevision).isEqualTo(held.getStatus().updatedRevision);
    cluster.eventually(() -> assertThat(cluster.eventReasons("pause"))
        .contains("RolloutPaused", "RolloutResumed"));
  }
}
