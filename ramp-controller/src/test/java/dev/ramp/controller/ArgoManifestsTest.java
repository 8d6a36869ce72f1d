package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.Rollout;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.controller.badinput.Schemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rollouts written as Argo Rollouts' documentation writes them, with only the apiVersion
 * changed: the CRD schema accepts them, the spec checks too, and a release through them does
 * what Argo Rollouts does.
 */
class ArgoManifestsTest extends ClusterTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Schemas schemas = new Schemas();

  @BeforeAll
  void installRouterCrds() {
    RouterFixtures.installCrds(cluster.client, RouterKind.TRAFFIC_SPLIT);
  }

  /** The rollout {@code name} of 4 replicas of demo:v1 with this canary strategy. */
  private Rollout argoRollout(String name, String canary) {
    String manifest = """
        apiVersion: ramp.dev/v1alpha1
        kind: Rollout
        metadata: {name: %s, namespace: default}
        spec:
          replicas: 4
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: app, image: demo:v1}]}
          strategy:
            canary:
        """.formatted(name, name, name) + canary.indent(6);
    try {
      JsonNode json = YAML.readTree(manifest);
      assertThat(schemas.problems(json)).as("the CRD schema's verdict").isEmpty();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return new KubernetesSerialization().unmarshal(manifest, Rollout.class);
  }

  /** Creates the rollout, waits until it is Healthy, then releases demo:v2. */
  private void release(Rollout rollout) {
    cluster.create(rollout);
    cluster.awaitPhase(rollout.getMetadata().getName(), "Healthy");
    cluster.setImage(rollout.getMetadata().getName(), "demo:v2");
  }

  @Test
  void smiWithoutRootServiceOrTrafficSplitNameSplitsTheStableServiceInASplitNamedAsTheRollout() {
    cluster.createService("smi-argo-stable", "smi-argo");
    cluster.createService("smi-argo-canary", "smi-argo");
    release(argoRollout("smi-argo", """
        steps:
        - setWeight: 5
        - pause: {}
        canaryService: smi-argo-canary
        stableService: smi-argo-stable
        trafficRouting:
          smi: {}
        """));

    cluster.awaitStep("smi-argo", 1, "Paused");
    GenericKubernetesResource split = cluster.client.genericKubernetesResources(
        RouterKind.TRAFFIC_SPLIT.apiVersion(), RouterKind.TRAFFIC_SPLIT.kind())
        .inNamespace(Cluster.NS).withName("smi-argo").get();
    assertThat(split.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
        "service", "smi-argo-stable", "backends", List.of(
            Map.of("service", "smi-argo-stable", "weight", 95),
            Map.of("service", "smi-argo-canary", "weight", 5))));
  }
}
