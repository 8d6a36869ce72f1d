package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import org.junit.jupiter.api.Test;

class FirstDeployTest {
  @Test
  void firstRevisionScalesToReplicasWithoutStepsAndBecomesHealthy() {
    World world = new World(rollout("checkout", 5, "demo:v1",
        CanaryStep.weight(20), CanaryStep.pause(null)));

    world.runUntilStable();

    assertThat(world.replicaSets()).hasSize(1);
    ReplicaSetView rs = world.replicaSets().iterator().next();
    assertThat(rs.name()).isEqualTo("checkout-" + rs.hash());
    assertThat(rs.replicas()).isEqualTo(5);
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo(rs.hash());
    assertThat(world.status().currentStepIndex).isEqualTo(2);
    assertThat(world.events).extracting(RolloutEvent::reason)
        .containsSubsequence("RolloutUpdated", "ScalingReplicaSet", "RolloutHealthy")
        .doesNotContain("RolloutPaused", "RolloutStepCompleted");
  }
}
