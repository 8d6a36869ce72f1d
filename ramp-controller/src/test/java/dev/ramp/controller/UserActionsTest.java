package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.WorkloadRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** workloadRef, undo and restart, each done the way the README tells a user to. */
class UserActionsTest extends ClusterTest {
  @Test
  void workloadRefRollsOutTheDeploymentsTemplateAndScalesTheDeploymentDown() {
    cluster.client.apps().deployments().inNamespace(Cluster.NS).resource(new DeploymentBuilder()
        .withNewMetadata().withName("legacy").withNamespace(Cluster.NS).endMetadata()
        .withNewSpec().withReplicas(3)
        .withNewSelector().addToMatchLabels("app", "legacy").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "legacy").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("legacy:v1").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();
    Rollout manifest = Rollouts.canary("legacy", 3, "unused", weight(50));
    manifest.getSpec().template = null;
    manifest.getSpec().selector = null;
    manifest.getSpec().workloadRef = new WorkloadRef("apps/v1", "Deployment", "legacy");

    cluster.create(manifest);

    Rollout healthy = cluster.awaitPhase("legacy", "Healthy");
    ReplicaSet rs = cluster.replicaSet("legacy", healthy.getStatus().stableRevision);
    assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("legacy:v1");
    cluster.await("legacy", "Deployment scaled to zero", r -> cluster.client.apps().deployments()
        .inNamespace(Cluster.NS).withName("legacy").get().getSpec().getReplicas() == 0);

    cluster.client.apps().deployments().inNamespace(Cluster.NS).withName("legacy")
        .edit(d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("legacy:v2");
          return d;
        });
    Rollout updated = cluster.await("legacy", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && !healthy.getStatus().stableRevision.equals(r.getStatus().stableRevision));
    assertThat(cluster.replicaSet("legacy", updated.getStatus().stableRevision).getSpec()
        .getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("legacy:v2");
  }

  @Test
  void undoWithKubectlPatchGoesBackToThePreviousRevision() {
    cluster.create(Rollouts.canary("undo", 2, "demo:v1"));
    String v1 = cluster.awaitPhase("undo", "Healthy").getStatus().stableRevision;
    cluster.setImage("undo", "demo:v2");
    cluster.await("undo", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision));

    // What the README's undo recipe does: the old ReplicaSet's template back into the Rollout.
    String template = cluster.client.getKubernetesSerialization().asJson(
        cluster.replicaSet("undo", v1).getSpec().getTemplate());
    cluster.client.resources(Rollout.class).inNamespace(Cluster.NS).withName("undo")
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":" + template + "}]");

    Rollout back = cluster.await("undo", "v1 stable again",
        r -> "Healthy".equals(r.getStatus().phase) && v1.equals(r.getStatus().stableRevision));
    assertThat(cluster.replicaSets("undo")).hasSize(2);
    assertThat(cluster.replicas("undo", v1)).isEqualTo(2);
    assertThat(cluster.replicaSet("undo", v1).getMetadata().getAnnotations())
        .containsEntry("ramp.dev/revision", "3");
    assertThat(back.getStatus().updatedRevision).isEqualTo(v1);
  }

  @Test
  void restartRecreatesEveryPod() {
    Rollout manifest = Rollouts.canary("restart", 3, "demo:v1");
    manifest.getSpec().strategy.canary.maxUnavailable = new io.fabric8.kubernetes.api.model
        .IntOrString(1);
    cluster.create(manifest);
    cluster.awaitPhase("restart", "Healthy");
    List<String> before = pods("restart").stream().map(p -> p.getMetadata().getName()).toList();
    assertThat(before).hasSize(3);
    String at = Instant.now().toString();

    cluster.patch("restart", "{\"spec\":{\"restartAt\":\"" + at + "\"}}");

    cluster.await("restart", "restarted", r -> at.equals(r.getStatus().restartedAt));
    List<String> after = pods("restart").stream().map(p -> p.getMetadata().getName()).toList();
    assertThat(after).hasSize(3).doesNotContainAnyElementsOf(before);
    cluster.eventually(() -> assertThat(cluster.eventReasons("restart"))
        .contains("RestartingPods", "RolloutRestarted"));
  }

  private List<Pod> pods(String rollout) {
    return cluster.client.pods().inNamespace(Cluster.NS)
        .withLabels(Map.of("app", rollout)).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }
}
