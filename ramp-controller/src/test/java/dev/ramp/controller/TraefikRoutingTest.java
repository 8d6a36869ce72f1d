package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.TraefikRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Traefik: the weights of a weighted TraefikService, through the real operator. */
class TraefikRoutingTest extends ClusterTest {
  private static final RouterKind KIND = RouterKind.TRAEFIK_SERVICE;

  @BeforeAll
  void installTraefik() {
    RouterFixtures.installCrds(cluster.client, KIND);
  }

  /**
   * A TraefikService as users write one: the stable Service without a weight, a sticky cookie,
   * and a field newer than Ramp knows.
   */
  private ObjectNode createTraefikService(String name) {
    RouterFixtures.create(cluster.client, """
        apiVersion: traefik.io/v1alpha1
        kind: TraefikService
        metadata: {name: %1$s, namespace: default, labels: {team: shop}}
        spec:
          weighted:
            sticky: {cookie: {name: lb}}
            services:
              - name: %1$s-stable
                port: 80
                passHostHeader: true
            healthCheckFromTheFuture: {path: /ready}
        """.formatted(name));
    return service(name);
  }

  private ObjectNode service(String name) {
    return RouterObjectsByHand.get(cluster, KIND, name);
  }

  private static TrafficRouting traefik(String name) {
    TrafficRouting routing = new TrafficRouting();
    routing.traefik = new TraefikRouting();
    routing.traefik.weightedTraefikServiceName = name;
    return routing;
  }

  /** Service name to weight, in the order listed. */
  private Map<String, Integer> weights(String name) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (JsonNode entry : service(name).path("spec").path("weighted").path("services")) {
      weights.put(entry.path("name").asText(), entry.path("weight").asInt(-1));
    }
    return weights;
  }

  @Test
  void weighsTheStableAndCanaryServicesAtEveryStepAndKeepsEverythingElse() {
    ObjectNode original = createTraefikService("tr");
    cluster.create(Routes.routed(cluster, "tr", traefik("tr"), weight(20), pause(null),
        weight(60), pause(null)));
    cluster.awaitPhase("tr", "Healthy");

    cluster.setImage("tr", "demo:v2");
    cluster.awaitStep("tr", 1, "Paused");

    assertThat(weights("tr")).containsExactly(Map.entry("tr-stable", 80),
        Map.entry("tr-canary", 20));
    JsonNode canary = service("tr").path("spec").path("weighted").path("services").get(1);
    assertThat(canary.path("port").asInt()).as("shaped like the stable entry").isEqualTo(80);
    assertThat(canary.path("passHostHeader").asBoolean()).isTrue();
    assertThat(service("tr").path("spec").path("weighted").path("sticky"))
        .isEqualTo(original.path("spec").path("weighted").path("sticky"));
    assertThat(service("tr").path("spec").path("weighted").path("healthCheckFromTheFuture"))
        .isEqualTo(original.path("spec").path("weighted").path("healthCheckFromTheFuture"));
    assertThat(service("tr").path("metadata").path("labels"))
        .isEqualTo(original.path("metadata").path("labels"));

    cluster.patchStatus("tr", "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep("tr", 3, "Paused");
    assertThat(weights("tr")).containsExactly(Map.entry("tr-stable", 40),
        Map.entry("tr-canary", 60));

    cluster.patchStatus("tr", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("tr", "promoted, back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && weights("tr").equals(Map.of("tr-stable", 100, "tr-canary", 0)));
  }

  @Test
  void abortSendsEveryRequestToStableAtOnce() {
    createTraefikService("tra");
    cluster.create(Routes.routed(cluster, "tra", traefik("tra"), weight(50), pause(null)));
    cluster.awaitPhase("tra", "Healthy");
    cluster.setImage("tra", "demo:v2");
    cluster.awaitStep("tra", 1, "Paused");

    cluster.patchStatus("tra", "{\"status\":{\"abort\":true}}");

    cluster.await("tra", "aborted, weight 0", r -> "Aborted".equals(r.getStatus().phase)
        && weights("tra").equals(Map.of("tra-stable", 100, "tra-canary", 0)));
  }

  @Test
  void aWeightChangedByHandIsPutBack() {
    createTraefikService("trh");
    cluster.create(Routes.routed(cluster, "trh", traefik("trh"), weight(20), pause(null)));
    cluster.awaitPhase("trh", "Healthy");
    cluster.setImage("trh", "demo:v2");
    cluster.awaitStep("trh", 1, "Paused");

    RouterObjectsByHand.edit(cluster, KIND, "trh", service ->
        ((ObjectNode) service.path("spec").path("weighted").path("services").get(1))
            .put("weight", 90));
    RouterObjectsByHand.nudge(cluster, "trh");

    cluster.await("trh", "weight 20 again",
        r -> weights("trh").equals(Map.of("trh-stable", 80, "trh-canary", 20)));
  }

  @Test
  void headerAndMirrorRoutesAreRefusedWithTheReason() {
    cluster.create(Routes.routed(cluster, "trr", traefik("trr"),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 10)));

    assertThat(cluster.awaitPhase("trr", "Degraded").getStatus().message)
        .contains("spec.strategy.canary.steps[0]: Traefik cannot route by header"
            + " (setHeaderRoute): Ramp sets only the weights of the weighted TraefikService")
        .contains("spec.strategy.canary.steps[1]: Traefik cannot mirror traffic"
            + " (setMirrorRoute): Ramp sets only the weights of the weighted TraefikService");
  }
}
