package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;

/**
 * New templates arriving while a rollout runs, aborts, the pods a canary without a router shares
 * with the stable (within maxSurge and maxUnavailable) and the progress deadline, through the
 * real operator. Images containing "never-ready" never become
 * ready in the simulated cluster.
 */
class RevisionChangesTest extends ClusterTest {
  private String deployed(String name, Rollout rollout) {
    cluster.create(rollout);
    return cluster.awaitPhase(name, "Healthy").getStatus().stableRevision;
  }

  @Test
  void goodThenBad() {
    String v1 = deployed("gb", Rollouts.canary("gb", 4, "demo:v1", weight(25), pause(null)));
    cluster.setImage("gb", "demo:v2");
    String v2 = cluster.awaitStep("gb", 1, "Paused").getStatus().updatedRevision;

    cluster.setImage("gb", "demo:v3-never-ready");

    Rollout rollout = cluster.await("gb", "v3 canary created",
        r -> !v2.equals(r.getStatus().updatedRevision)
            && cluster.replicas("gb", r.getStatus().updatedRevision) == 1);
    String v3 = rollout.getStatus().updatedRevision;
    cluster.await("gb", "v2 scaled down", r -> cluster.replicas("gb", v2) == 0);
    assertThat(rollout.getStatus().currentStepIndex).isZero();
    assertThat(rollout.getStatus().canary.weight).isZero();
    assertThat(cluster.replicas("gb", v1)).as("25% of 4 pods on the canary").isEqualTo(3);
    assertThat(v3).isNotEqualTo(v1);
  }

  @Test
  void badThenGood() {
    String v1 = deployed("bg", Rollouts.canary("bg", 4, "demo:v1", weight(25), pause(null)));
    cluster.setImage("bg", "demo:v2-never-ready");
    String bad = cluster.await("bg", "bad canary", r -> r.getStatus().updatedRevision != null
        && !v1.equals(r.getStatus().updatedRevision)).getStatus().updatedRevision;

    cluster.setImage("bg", "demo:v3");

    Rollout paused = cluster.awaitStep("bg", 1, "Paused");
    assertThat(paused.getStatus().updatedRevision).isNotIn(v1, bad);
    cluster.await("bg", "bad canary gone", r -> cluster.replicas("bg", bad) == 0);
    assertThat(paused.getStatus().canary.weight).isEqualTo(25);
  }

  @Test
  void badThenBadNeverSendsTrafficToTheBrokenCanaries() {
    String v1 = deployed("bb", Rollouts.canary("bb", 2, "demo:v1", weight(50), pause(null)));
    cluster.setImage("bb", "demo:v2-never-ready");
    String first = cluster.await("bb", "first bad canary", r -> !v1.equals(
        r.getStatus().updatedRevision)).getStatus().updatedRevision;

    cluster.setImage("bb", "demo:v3-never-ready");

    Rollout rollout = cluster.await("bb", "second bad canary",
        r -> !first.equals(r.getStatus().updatedRevision)
            && !v1.equals(r.getStatus().updatedRevision)
            && cluster.replicas("bb", first) == 0);
    assertThat(rollout.getStatus().canary.weight).isZero();
    assertThat(rollout.getStatus().phase).isEqualTo("Progressing");
    assertThat(cluster.replicas("bb", v1)).isEqualTo(2);
  }

  @Test
  void abortWithoutATrafficRouterScalesTheCanaryDownWithoutDelay() {
    Rollout manifest = Rollouts.canary("abortdelay", 2, "demo:v1", weight(50), pause(null));
    manifest.getSpec().strategy.canary.abortScaleDownDelaySeconds = 600;
    deployed("abortdelay", manifest);
    cluster.setImage("abortdelay", "demo:v2");
    String v2 = cluster.awaitStep("abortdelay", 1, "Paused").getStatus().updatedRevision;

    cluster.patchStatus("abortdelay", "{\"status\":{\"abort\":true}}");

    cluster.awaitPhase("abortdelay", "Aborted");
    cluster.await("abortdelay", "canary down", r -> cluster.replicas("abortdelay", v2) == 0);
  }

  @Test
  void withoutARouterTheStableHandsItsPodsToTheCanary() {
    String v1 = deployed("share", Rollouts.canary("share", 5, "demo:v1", weight(20), pause(null),
        weight(60), pause(null)));

    cluster.setImage("share", "demo:v2");

    String v2 = cluster.awaitStep("share", 1, "Paused").getStatus().updatedRevision;
    assertThat(cluster.replicas("share", v2)).as("20% of 5 pods").isEqualTo(1);
    assertThat(cluster.replicas("share", v1)).isEqualTo(4);

    cluster.patchStatus("share", "{\"status\":{\"pauseConditions\":null}}");

    cluster.awaitStep("share", 3, "Paused");
    assertThat(cluster.replicas("share", v2)).as("60% of 5 pods").isEqualTo(3);
    assertThat(cluster.replicas("share", v1)).isEqualTo(2);
  }

  @Test
  void aRolloutWithoutStepsReplacesItsPodsWithinMaxSurgeAndMaxUnavailable() {
    // Argo Rollouts' rollout-rolling-update example: 5 replicas, maxSurge 1, maxUnavailable 1.
    Rollout manifest = Rollouts.canary("rolling", 5, "demo:v1");
    manifest.getSpec().strategy.canary.maxSurge = new IntOrString(1);
    manifest.getSpec().strategy.canary.maxUnavailable = new IntOrString(1);
    String v1 = deployed("rolling", manifest);
    cluster.await("rolling", "all pods available", r -> r.getStatus().availableReplicas == 5);

    try (ReplicaSetWatch watch = new ReplicaSetWatch(cluster.client, "rolling")) {
      cluster.setImage("rolling", "demo:v2");
      String v2 = cluster.await("rolling", "v2 stable", r -> !v1.equals(
          r.getStatus().stableRevision)).getStatus().stableRevision;
      ReplicaSetWatch.Pods done = watch.await(pods -> pods.asked() == 5
          && pods.available() == 5 && pods.byName().get("rolling-" + v1) == 0);

      assertThat(done.byName()).containsEntry("rolling-" + v2, 5);
      assertThat(watch.seen()).as("every change of the ReplicaSets").allSatisfy(pods -> {
        assertThat(pods.asked()).as("pods asked for: %s", pods).isLessThanOrEqualTo(6);
        assertThat(pods.available()).as("pods available: %s", pods).isGreaterThanOrEqualTo(4);
      });
    }
  }

  @Test
  void progressDeadlineDegradesTheRollout() {
    Rollout manifest = Rollouts.canary("deadline", 2, "demo:v1", weight(50), pause(null));
    manifest.getSpec().progressDeadlineSeconds = 2;
    String v1 = deployed("deadline", manifest);

    cluster.setImage("deadline", "demo:v2-never-ready");

    Rollout degraded = cluster.awaitPhase("deadline", "Degraded");
    assertThat(degraded.getStatus().conditions).anySatisfy(c -> {
      assertThat(c.type).isEqualTo("Progressing");
      assertThat(c.status).isEqualTo("False");
      assertThat(c.reason).isEqualTo("ProgressDeadlineExceeded");
    });
    assertThat(cluster.replicas("deadline", degraded.getStatus().updatedRevision)).isEqualTo(1);
    assertThat(cluster.replicas("deadline", v1)).isEqualTo(2);
    cluster.eventually(() -> assertThat(cluster.events("deadline")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("ProgressDeadlineExceeded");
      assertThat(e.getType()).isEqualTo("Warning");
    }));
  }

  @Test
  void progressDeadlineAbortAbortsTheRollout() {
    Rollout manifest = Rollouts.canary("deadabort", 2, "demo:v1", weight(50), pause(null));
    manifest.getSpec().progressDeadlineSeconds = 2;
    manifest.getSpec().progressDeadlineAbort = true;
    String v1 = deployed("deadabort", manifest);

    cluster.setImage("deadabort", "demo:v2-never-ready");

    Rollout aborted = cluster.awaitPhase("deadabort", "Aborted");
    assertThat(aborted.getStatus().message).contains("progress deadline exceeded");
    cluster.await("deadabort", "canary down",
        r -> cluster.replicas("deadabort", r.getStatus().updatedRevision) == 0);
    assertThat(cluster.replicas("deadabort", v1)).isEqualTo(2);
  }
}
