package dev.ramp.controller.badinput;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.controller.Cluster;
import dev.ramp.controller.ClusterTest;
import dev.ramp.controller.Rollouts;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/**
 * Moving from a Deployment to a Rollout with the same labels: the Rollout waits, saying why,
 * while the Deployment still has pods, and goes ahead once it is scaled to zero.
 */
class SelectorOverlapTest extends ClusterTest {

  @Test
  void aRolloutThatSelectsADeploymentsPodsGoesAheadOnceTheDeploymentIsScaledToZero() {
    cluster.client.apps().deployments().inNamespace(Cluster.NS).resource(new DeploymentBuilder()
        .withNewMetadata().withName("checkout").withNamespace(Cluster.NS).endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "checkout").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "checkout").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("demo:v1").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();
    cluster.create(Rollouts.canary("checkout", 2, "demo:v1", weight(50)));

    Rollout waiting = cluster.awaitPhase("checkout", "Degraded");
    assertThat(waiting.getStatus().message).isEqualTo("Invalid spec: spec.selector"
        + " \"app=checkout\" also selects the pods of Deployment \"checkout\": give each"
        + " workload labels of its own");
    assertThat(cluster.replicaSets("checkout")).isEmpty();

    cluster.client.apps().deployments().inNamespace(Cluster.NS).withName("checkout").scale(0);

    cluster.awaitPhase("checkout", "Healthy");
  }
}
