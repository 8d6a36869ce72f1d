package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.controller.config.ControllerConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two installations of Ramp sharing a cluster, told apart by their instance id: each handles its
 * own Rollouts, with their AnalysisRuns, and leaves the other's alone.
 */
class InstanceIdTest extends ClusterTest {
  private StatsServer stats;

  @BeforeAll
  void onlyTheseTestsControllers() {
    cluster.stopController();
    stats = new StatsServer();
    SecretAnalysis.install(cluster, stats);
  }

  @AfterAll
  void stopStats() {
    stats.close();
  }

  private static boolean promoted(Rollout rollout) {
    return "Healthy".equals(rollout.getStatus().phase)
        && rollout.getStatus().stableRevision.equals(rollout.getStatus().updatedRevision);
  }

  @Test
  void eachInstallationHandlesOnlyTheRolloutsOfItsId() {
    Rollout blueApp = Rollouts.canary("blue-app", 2, "demo:v1", weight(50),
        SecretAnalysis.step(), weight(100));
    blueApp.getMetadata().setLabels(Map.of(RampLabels.INSTANCE_ID, "blue"));
    cluster.create(blueApp);
    cluster.create(Rollouts.canary("plain-app", 2, "demo:v1", weight(50)));

    try (ControllerInstance blue =
        ControllerInstance.start(cluster, ControllerConfig.defaults().withInstanceId("blue"))) {
      cluster.awaitPhase("blue-app", "Healthy");
      stats.defaultErrorRate(0.01);
      cluster.setImage("blue-app", "demo:v2");
      cluster.await("blue-app", "v2 promoted past its analysis", InstanceIdTest::promoted);
      assertThat(cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
          .withLabel(RampLabels.ROLLOUT, "blue-app").list().getItems())
          .singleElement().satisfies(run -> {
            assertThat(run.getMetadata().getLabels())
                .containsEntry(RampLabels.INSTANCE_ID, "blue");
            assertThat(run.getStatus().phase).isEqualTo("Successful");
          });
      assertThat(cluster.rollout("plain-app").getStatus().observedGeneration)
          .as("not blue's").isNull();
    }

    cluster.setImage("blue-app", "demo:v3");
    try (ControllerInstance unnamed =
        ControllerInstance.start(cluster, ControllerConfig.defaults())) {
      cluster.awaitPhase("plain-app", "Healthy");
      cluster.setImage("plain-app", "demo:v2");
      cluster.await("plain-app", "v2 promoted", InstanceIdTest::promoted);
      Rollout untouched = cluster.rollout("blue-app");
      assertThat(untouched.getStatus().observedGeneration).as("blue's v3 not seen")
          .isLessThan(untouched.getMetadata().getGeneration());
    }
  }
}
