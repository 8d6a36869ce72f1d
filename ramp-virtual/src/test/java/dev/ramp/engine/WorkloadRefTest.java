package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static dev.ramp.engine.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.WorkloadRef;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import org.junit.jupiter.api.Test;

class WorkloadRefTest {

  private static World referencing(String deployment) {
    Rollout rollout = rollout("checkout", 3, "unused", CanaryStep.weight(50));
    rollout.getSpec().template = null;
    rollout.getSpec().selector = null;
    rollout.getSpec().workloadRef = new WorkloadRef("apps/v1", "Deployment", deployment);
    return new World(rollout);
  }

  @Test
  void theDeploymentsTemplateIsRolledOutAndTheDeploymentScaledToZeroOnceHealthy() {
    World world = referencing("checkout");
    world.addDeployment("checkout", 3,
        new LabelSelectorBuilder().addToMatchLabels("app", "checkout").build(),
        template("checkout", "demo:v1"));

    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    ReplicaSetView rs = world.rs(world.status().stableRevision);
    assertThat(rs.template().getSpec().getContainers().get(0).getImage()).isEqualTo("demo:v1");
    assertThat(rs.replicas()).isEqualTo(3);
    assertThat(world.workload().replicas()).isZero();
    assertThat(world.status().selector).isEqualTo("app=checkout");
  }

  @Test
  void aMissingDeploymentIsReportedAndNothingIsCreated() {
    World world = referencing("nope");

    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Degraded");
    assertThat(world.status().message)
        .contains("Deployment \"nope\" (spec.workloadRef) does not exist");
    assertThat(world.replicaSets()).isEmpty();
  }
}
