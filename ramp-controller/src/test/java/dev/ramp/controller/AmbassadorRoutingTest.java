package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.AmbassadorRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Emissary-ingress / Ambassador: weighted canary Mappings, through the real operator. */
class AmbassadorRoutingTest extends ClusterTest {
  private static final RouterKind KIND = RouterKind.MAPPING;

  @BeforeAll
  void installEmissary() {
    RouterFixtures.installCrds(cluster.client, KIND);
  }

  /** A Mapping as users write one, with a label, a timeout and a field newer than Ramp knows. */
  private ObjectNode createMapping(String name, String prefix, String service) {
    RouterFixtures.create(cluster.client, """
        apiVersion: getambassador.io/v3alpha1
        kind: Mapping
        metadata: {name: %s, namespace: default, labels: {team: shop}}
        spec:
          hostname: "*"
          prefix: %s
          service: %s
          timeout_ms: 3000
          mappingFromTheFuture: {enabled: true}
        """.formatted(name, prefix, service));
    return mapping(name);
  }

  private ObjectNode mapping(String name) {
    return RouterObjectsByHand.get(cluster, KIND, name);
  }

  private static TrafficRouting ambassador(String... mappings) {
    TrafficRouting routing = new TrafficRouting();
    routing.ambassador = new AmbassadorRouting();
    routing.ambassador.mappings = List.of(mappings);
    return routing;
  }

  /** The canary Mapping's weight, or -1 when there is none. */
  private int canaryWeight(String mapping) {
    ObjectNode canary = mapping(mapping + "-canary");
    return canary == null ? -1 : canary.path("spec").path("weight").asInt();
  }

  @Test
  void aCanaryMappingNextToEachStableOneCarriesTheWeightUntilTheEnd() {
    ObjectNode stable = createMapping("am", "/shop/", "am-stable:80");
    ObjectNode stableApi = createMapping("am-api", "/api/", "http://am-stable.default:8080");
    cluster.create(Routes.routed(cluster, "am", ambassador("am", "am-api"), weight(20),
        pause(null), weight(60), pause(null)));
    cluster.awaitPhase("am", "Healthy");
    assertThat(mapping("am-canary")).as("none before a release").isNull();

    cluster.setImage("am", "demo:v2");
    cluster.awaitStep("am", 1, "Paused");

    ObjectNode canary = mapping("am-canary");
    ObjectNode expected = stable.path("spec").deepCopy();
    expected.put("service", "am-canary:80").put("weight", 20);
    assertThat(canary.path("spec")).isEqualTo(expected);
    assertThat(canary.path("metadata").path("labels")).isEqualTo(
        stable.path("metadata").path("labels"));
    assertThat(canary.path("metadata").path("ownerReferences").get(0).path("name").asText())
        .isEqualTo("am");
    assertThat(mapping("am-api-canary").path("spec").path("service").asText())
        .isEqualTo("http://am-canary.default:8080");
    assertThat(canaryWeight("am-api")).isEqualTo(20);
    assertThat(mapping("am").path("spec")).as("the stable Mapping is only read")
        .isEqualTo(stable.path("spec"));

    cluster.patchStatus("am", "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep("am", 3, "Paused");
    assertThat(canaryWeight("am")).isEqualTo(60);
    assertThat(canaryWeight("am-api")).isEqualTo(60);

    cluster.patchStatus("am", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("am", "promoted, canary Mappings gone", r -> "Healthy".equals(
        r.getStatus().phase) && mapping("am-canary") == null && mapping("am-api-canary") == null);
    assertThat(mapping("am").path("spec")).isEqualTo(stable.path("spec"));
    assertThat(mapping("am-api").path("spec")).isEqualTo(stableApi.path("spec"));
  }

  @Test
  void abortDeletesTheCanaryMappingAtOnce() {
    createMapping("ama", "/a/", "ama-stable");
    cluster.create(Routes.routed(cluster, "ama", ambassador("ama"), weight(50), pause(null)));
    cluster.awaitPhase("ama", "Healthy");
    cluster.setImage("ama", "demo:v2");
    cluster.awaitStep("ama", 1, "Paused");
    assertThat(mapping("ama-canary").path("spec").path("service").asText())
        .isEqualTo("ama-canary");

    cluster.patchStatus("ama", "{\"status\":{\"abort\":true}}");

    cluster.await("ama", "aborted, canary Mapping gone",
        r -> "Aborted".equals(r.getStatus().phase) && mapping("ama-canary") == null);
  }

  @Test
  void aCanaryMappingChangedOrDeletedByHandIsPutBack() {
    createMapping("amh", "/h/", "amh-stable:80");
    cluster.create(Routes.routed(cluster, "amh", ambassador("amh"), weight(20), pause(null)));
    cluster.awaitPhase("amh", "Healthy");
    cluster.setImage("amh", "demo:v2");
    cluster.awaitStep("amh", 1, "Paused");

    RouterObjectsByHand.edit(cluster, KIND, "amh-canary",
        canary -> ((ObjectNode) canary.path("spec")).put("weight", 90));
    RouterObjectsByHand.nudge(cluster, "amh");
    cluster.await("amh", "weight 20 again", r -> canaryWeight("amh") == 20);

    cluster.client.genericKubernetesResources(KIND.apiVersion(), KIND.kind())
        .inNamespace(Cluster.NS).withName("amh-canary").delete();
    cluster.await("amh", "gone", r -> mapping("amh-canary") == null);
    RouterObjectsByHand.nudge(cluster, "amh");
    cluster.await("amh", "made again", r -> canaryWeight("amh") == 20);
  }

  @Test
  void headerAndMirrorRoutesAreRefused() {
    cluster.create(Routes.routed(cluster, "amr", ambassador("amr"),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 10)));

    assertThat(cluster.awaitPhase("amr", "Degraded").getStatus().message)
        .contains("spec.strategy.canary.steps[0]: Ambassador cannot route by header"
            + " (setHeaderRoute)")
        .contains("spec.strategy.canary.steps[1]: Ambassador cannot mirror traffic"
            + " (setMirrorRoute)");
  }
}
