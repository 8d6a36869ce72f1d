package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Blue-green rollouts through the real operator on the simulated cluster. */
class BlueGreenRolloutTest extends ClusterTest {

  private Rollout deploy(Rollout manifest) {
    String name = manifest.getMetadata().getName();
    cluster.createService(name + "-active", name);
    cluster.createService(name + "-preview", name);
    cluster.create(manifest);
    return cluster.awaitPhase(name, "Healthy");
  }

  @Test
  void aSmallPreviewWaitsForAPersonThenScalesUpAndSwitches() {
    Rollout manifest = Rollouts.blueGreen("bg", 3, "demo:v1");
    manifest.getSpec().strategy.blueGreen.autoPromotionEnabled = false;
    manifest.getSpec().strategy.blueGreen.previewReplicaCount = 1;
    String v1 = deploy(manifest).getStatus().stableRevision;
    cluster.await("bg", "both Services on v1", r -> v1.equals(cluster.pinnedHash("bg-active"))
        && v1.equals(cluster.pinnedHash("bg-preview")));

    cluster.setImage("bg", "demo:v2");

    Rollout paused = cluster.await("bg", "paused with the preview up",
        r -> "Paused".equals(r.getStatus().phase)
            && !v1.equals(r.getStatus().blueGreen.previewSelector));
    String v2 = paused.getStatus().updatedRevision;
    assertThat(paused.getStatus().pauseConditions).extracting(p -> p.reason)
        .containsExactly("BlueGreenPause");
    assertThat(paused.getStatus().blueGreen.activeSelector).isEqualTo(v1);
    assertThat(cluster.pinnedHash("bg-preview")).isEqualTo(v2);
    assertThat(cluster.pinnedHash("bg-active")).isEqualTo(v1);
    assertThat(cluster.replicas("bg", v2)).isEqualTo(1);

    cluster.patchStatus("bg", "{\"status\":{\"pauseConditions\":null}}");

    Rollout done = cluster.await("bg", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && v2.equals(r.getStatus().stableRevision));
    assertThat(done.getStatus().blueGreen.activeSelector).isEqualTo(v2);
    assertThat(cluster.pinnedHash("bg-active")).isEqualTo(v2);
    cluster.await("bg", "v1 scaled down after the delay", r -> cluster.replicas("bg", v1) == 0);
    cluster.eventually(() -> assertThat(cluster.eventReasons("bg")).contains("RolloutPaused",
        "SwitchService",
        "RolloutCompleted"));
  }

  @Test
  void restartsDuringTheSwitchNeverLeaveTheActiveServiceWithoutAvailablePods() throws Exception {
    String v1 = deploy(Rollouts.blueGreen("bg-crash", 4, "demo:v1")).getStatus().stableRevision;
    cluster.await("bg-crash", "active on v1", r -> v1.equals(cluster.pinnedHash("bg-crash-active")));
    List<String> violations = new CopyOnWriteArrayList<>();
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleAtFixedRate(() -> {
      String hash = cluster.pinnedHash("bg-crash-active");
      ReplicaSet rs = cluster.replicaSet("bg-crash", hash);
      Integer available = rs == null || rs.getStatus() == null ? null
          : rs.getStatus().getAvailableReplicas();
      if (available == null || available == 0) {
        violations.add("active Service on " + hash + " with no available pods");
      }
    }, 0, 10, TimeUnit.MILLISECONDS);
    try {
      cluster.setImage("bg-crash", "demo:v2");
      for (int i = 0; i < 6; i++) {
        Thread.sleep(60 + 40 * i);
        cluster.restartController();
      }
      Rollout done = cluster.await("bg-crash", "v2 stable",
          r -> "Healthy".equals(r.getStatus().phase)
              && r.getStatus().updatedRevision.equals(r.getStatus().stableRevision)
              && !v1.equals(r.getStatus().stableRevision));
      cluster.await("bg-crash", "v1 scaled down", r -> cluster.replicas("bg-crash", v1) == 0);
      assertThat(cluster.pinnedHash("bg-crash-active")).isEqualTo(done.getStatus().stableRevision);
    } finally {
      watcher.shutdownNow();
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void changingAHealthyCanaryToBlueGreenKeepsTheServiceOnItsPods() {
    Rollout manifest = Rollouts.canary("bg-switch", 2, "demo:v1",
        dev.ramp.api.CanaryStep.weight(50));
    manifest.getSpec().strategy.canary.stableService = "bg-switch-active";
    String v1 = deploy(manifest).getStatus().stableRevision;
    cluster.await("bg-switch", "stable Service on v1",
        r -> v1.equals(cluster.pinnedHash("bg-switch-active")));

    cluster.patch("bg-switch", "{\"spec\":{\"strategy\":{\"canary\":null,\"blueGreen\":"
        + "{\"activeService\":\"bg-switch-active\",\"previewService\":\"bg-switch-preview\"}}}}");

    Rollout blueGreen = cluster.await("bg-switch", "blue-green status",
        r -> r.getStatus().blueGreen != null && "Healthy".equals(r.getStatus().phase));
    assertThat(blueGreen.getStatus().blueGreen.activeSelector).isEqualTo(v1);
    assertThat(cluster.pinnedHash("bg-switch-preview")).isEqualTo(v1);
    assertThat(cluster.replicaSets("bg-switch")).singleElement()
        .satisfies(rs -> assertThat(rs.getSpec().getReplicas()).isEqualTo(2));

    cluster.setImage("bg-switch", "demo:v2");
    cluster.await("bg-switch", "switched", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision)
        && r.getStatus().stableRevision.equals(cluster.pinnedHash("bg-switch-active")));
    assertThat(cluster.client.services().inNamespace(Cluster.NS).withName("bg-switch-active")
        .get().getSpec().getSelector()).containsKey(RampLabels.POD_TEMPLATE_HASH)
        .containsEntry("app", "bg-switch");
  }
}
