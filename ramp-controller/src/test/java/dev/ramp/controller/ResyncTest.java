package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.controller.config.ControllerConfig;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A Rollout is reconciled again after the resync period even when nothing it depends on
 * changes, so a change whose event was missed is noticed after that long at the latest.
 */
class ResyncTest extends ClusterTest {
  @Test
  void anUnchangedRolloutIsReconciledOncePerResyncPeriod() {
    cluster.stopController();
    try (ControllerInstance controller = ControllerInstance.start(cluster,
        ControllerConfig.defaults().withResync(Duration.ofSeconds(1)))) {
      cluster.create(Rollouts.canary("idle", 2, "demo:v1"));
      cluster.awaitPhase("idle", "Healthy");
      long generation = cluster.rollout("idle").getMetadata().getGeneration();
      long before = rolloutReconciles(controller);

      Awaitility.await().alias("three more reconciles of an unchanged rollout")
          .atMost(Cluster.TIMEOUT).until(() -> rolloutReconciles(controller) >= before + 3);

      assertThat(cluster.rollout("idle").getMetadata().getGeneration()).isEqualTo(generation);
      assertThat(cluster.rollout("idle").getStatus().phase).isEqualTo("Healthy");
    }
  }

  /** The count of finished rollout reconciles, from the controller's /metrics. */
  private static long rolloutReconciles(ControllerInstance controller) {
    return controller.get("/metrics").body().lines()
        .filter(line -> line.startsWith("ramp_reconcile_seconds_count{")
            && line.contains("controller=\"rollouts\""))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
