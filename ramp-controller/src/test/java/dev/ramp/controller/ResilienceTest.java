package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad specs, missing objects and controller restarts: nothing is lost, nothing else breaks. */
class ResilienceTest extends ClusterTest {
  @Test
  void aSelectorThatDoesNotMatchIsReportedAndFixingItRecovers() {
    Rollout manifest = Rollouts.canary("mismatch", 2, "demo:v1");
    manifest.getSpec().selector.getMatchLabels().put("app", "other");
    cluster.create(manifest);
    cluster.create(Rollouts.canary("neighbour", 2, "demo:v1"));

    Rollout invalid = cluster.awaitPhase("mismatch", "Degraded");
    assertThat(invalid.getStatus().message).isEqualTo("Invalid spec: spec.selector \"app=other\""
        + " does not match the labels of spec.template {app=mismatch}");
    assertThat(invalid.getStatus().conditions).anySatisfy(c -> {
      assertThat(c.type).isEqualTo("InvalidSpec");
      assertThat(c.status).isEqualTo("True");
    });
    cluster.eventually(() -> assertThat(cluster.events("mismatch")).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
    }));
    assertThat(cluster.replicaSets("mismatch")).isEmpty();
    cluster.awaitPhase("neighbour", "Healthy");

    cluster.patch("mismatch", "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"mismatch\"}}}}");

    Rollout fixed = cluster.awaitPhase("mismatch", "Healthy");
    assertThat(fixed.getStatus().conditions).noneMatch(c -> c.type.equals("InvalidSpec"));
  }

  @Test
  void aMissingServiceIsReportedUntilItIsCreatedAndThenSelectorsArePinned() {
    Rollout manifest = Rollouts.canary("svc", 2, "demo:v1", weight(50), pause(null));
    manifest.getSpec().strategy.canary.stableService = "svc-stable";
    manifest.getSpec().strategy.canary.canaryService = "svc-canary";
    cluster.createService("svc-stable", "svc");
    cluster.create(manifest);

    Rollout invalid = cluster.awaitPhase("svc", "Degraded");
    assertThat(invalid.getStatus().message).contains("Service \"svc-canary\" does not exist");

    cluster.createService("svc-canary", "svc");

    String v1 = cluster.awaitPhase("svc", "Healthy").getStatus().stableRevision;
    cluster.await("svc", "services pinned", r -> v1.equals(cluster.pinnedHash("svc-stable"))
        && v1.equals(cluster.pinnedHash("svc-canary")));
    assertThat(cluster.client.services().inNamespace(Cluster.NS).withName("svc-stable").get()
        .getSpec().getSelector()).containsEntry("app", "svc");

    cluster.setImage("svc", "demo:v2");
    String v2 = cluster.awaitStep("svc", 1, "Paused").getStatus().updatedRevision;
    cluster.await("svc", "canary service on v2", r -> v2.equals(cluster.pinnedHash("svc-canary"))
        && v1.equals(cluster.pinnedHash("svc-stable")));

    cluster.patchStatus("svc", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("svc", "both on v2", r -> v2.equals(cluster.pinnedHash("svc-stable"))
        && v2.equals(cluster.pinnedHash("svc-canary")));
  }

  @Test
  void anUnreadableRolloutDoesNotStopTheOthers() {
    GenericKubernetesResource garbage = new GenericKubernetesResourceBuilder()
        .withApiVersion("ramp.dev/v1alpha1").withKind("Rollout")
        .withNewMetadata().withName("garbage").withNamespace(Cluster.NS).endMetadata()
        .withAdditionalProperties(Map.of("spec", new java.util.TreeMap<>(Map.of(
            "replicas", "three", "strategy", "canary please"))))
        .build();
    cluster.client.genericKubernetesResources("ramp.dev/v1alpha1", "Rollout")
        .inNamespace(Cluster.NS).resource(garbage).create();

    cluster.create(Rollouts.canary("survivor", 2, "demo:v1"));

    cluster.awaitPhase("survivor", "Healthy");
    Rollout reported = cluster.awaitPhase("garbage", "Degraded");
    assertThat(reported.getStatus().message)
        .isEqualTo("Invalid spec: spec.replicas: \"three\" is not an integer");
  }

  @Test
  void aRolloutContinuesWhereItWasAfterTheControllerRestarts() {
    cluster.create(Rollouts.canary("restarted", 4, "demo:v1", weight(25), pause(null),
        weight(75), pause(null)));
    String v1 = cluster.awaitPhase("restarted", "Healthy").getStatus().stableRevision;
    cluster.setImage("restarted", "demo:v2");
    String v2 = cluster.awaitStep("restarted", 1, "Paused").getStatus().updatedRevision;

    cluster.restartController();
    cluster.patchStatus("restarted", "{\"status\":{\"pauseConditions\":null}}");

    Rollout paused = cluster.awaitStep("restarted", 3, "Paused");
    assertThat(paused.getStatus().updatedRevision).isEqualTo(v2);
    assertThat(cluster.replicas("restarted", v2)).isEqualTo(3);
    assertThat(cluster.replicas("restarted", v1)).as("75% of 4 pods on the canary").isEqualTo(1);
    assertThat(cluster.replicaSets("restarted")).hasSize(2);

    cluster.stopController();
    cluster.patchStatus("restarted", "{\"status\":{\"pauseConditions\":null}}");
    cluster.startController();

    Rollout done = cluster.awaitPhase("restarted", "Healthy");
    assertThat(done.getStatus().stableRevision).isEqualTo(v2);
  }
}
