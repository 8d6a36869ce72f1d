package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.SkipperRouting;
import dev.ramp.api.routing.TrafficRouting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Skipper routing through the real operator: a canary Ingress next to the user's, weighed by
 * {@code zalando.org/backend-weights}, as Flagger makes it.
 */
class SkipperRoutingTest extends ClusterTest {
  private static final String WEIGHTS = "zalando.org/backend-weights";
  private static final String PREDICATE = "zalando.org/skipper-predicate";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** An Ingress with a second host and path, a predicate and another annotation. */
  private void createIngress(String name) {
    RouterFixtures.create(cluster.client, """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: %1$s
          annotations:
            zalando.org/skipper-predicate: Header("X-Region", "eu")
            zalando.org/skipper-filter: consecutiveBreaker(15)
        spec:
          ingressClassName: skipper
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /api
                    pathType: Prefix
                    backend: {service: {name: %1$s-stable, port: {number: 80}}}
                  - path: /docs
                    pathType: Prefix
                    backend: {service: {name: docs, port: {number: 8080}}}
            - host: www.example.com
              http:
                paths:
                  - backend: {service: {name: %1$s-stable, port: {name: http}}}
                    pathType: ImplementationSpecific
        """.formatted(name));
  }

  private static TrafficRouting skipper(String ingress) {
    TrafficRouting routing = new TrafficRouting();
    routing.skipper = new SkipperRouting();
    routing.skipper.ingress = ingress;
    return routing;
  }

  private ObjectNode ingress(String name) {
    GenericKubernetesResource ingress = cluster.client
        .genericKubernetesResources("networking.k8s.io/v1", "Ingress").inNamespace(Cluster.NS)
        .withName(name).get();
    return ingress == null ? null
        : (ObjectNode) SERIALIZATION.convertValue(ingress, JsonNode.class);
  }

  private Predicate<Rollout> weights(String canaryIngress, String stable, int stableWeight,
      String canary, int canaryWeight) {
    return r -> {
      ObjectNode ingress = ingress(canaryIngress);
      try {
        return ingress != null && JSON.createObjectNode().put(stable, stableWeight)
            .put(canary, canaryWeight).equals(JSON.readTree(ingress.path("metadata")
                .path("annotations").path(WEIGHTS).asText("{}")));
      } catch (Exception e) {
        return false;
      }
    };
  }

  @Test
  void aReleaseSplitsThePathsOfACanaryIngressAndAnAbortTurnsItOff() throws Exception {
    createIngress("sk");
    ObjectNode original = ingress("sk");
    cluster.create(Routes.routed(cluster, "sk", skipper("sk"), weight(25), pause(null)));
    cluster.awaitPhase("sk", "Healthy");
    assertThat(ingress("sk-sk-canary")).as("no canary Ingress before a release").isNull();

    cluster.setImage("sk", "demo:v2");
    cluster.awaitStep("sk", 1, "Paused");
    assertThat(weights("sk-sk-canary", "sk-stable", 75, "sk-canary", 25)
        .test(cluster.rollout("sk"))).isTrue();
    ObjectNode canary = ingress("sk-sk-canary");
    assertThat(canary.path("metadata").path("annotations").path(PREDICATE).asText())
        .isEqualTo("Weight(100) && Header(\"X-Region\", \"eu\")");
    assertThat(canary.path("metadata").path("annotations").path("zalando.org/skipper-filter")
        .asText()).isEqualTo("consecutiveBreaker(15)");
    assertThat(canary.path("metadata").path("ownerReferences").path(0).path("name").asText())
        .isEqualTo("sk");
    assertThat(canary.path("spec").path("rules").path(0).path("http").path("paths"))
        .isEqualTo(JSON.readTree("""
            [{"path": "/api", "pathType": "Prefix",
              "backend": {"service": {"name": "sk-stable", "port": {"number": 80}}}},
             {"path": "/api", "pathType": "Prefix",
              "backend": {"service": {"name": "sk-canary", "port": {"number": 80}}}},
             {"path": "/docs", "pathType": "Prefix",
              "backend": {"service": {"name": "docs", "port": {"number": 8080}}}}]"""));
    assertThat(canary.path("spec").path("rules").path(1).path("http").path("paths"))
        .isEqualTo(JSON.readTree("""
            [{"backend": {"service": {"name": "sk-stable", "port": {"name": "http"}}},
              "pathType": "ImplementationSpecific"},
             {"backend": {"service": {"name": "sk-canary", "port": {"name": "http"}}},
              "pathType": "ImplementationSpecific"}]"""));
    assertThat(ingress("sk")).as("the user's Ingress is only read").isEqualTo(original);

    cluster.patchStatus("sk", "{\"status\":{\"abort\":true}}");
    cluster.await("sk", "aborted, the canary Ingress off", r ->
        "Aborted".equals(r.getStatus().phase)
            && weights("sk-sk-canary", "sk-stable", 100, "sk-canary", 0).test(r)
            && ingress("sk-sk-canary").path("metadata").path("annotations").path(PREDICATE)
                .asText().equals("False() && Header(\"X-Region\", \"eu\")"));
  }

  @Test
  void weightsEditedByHandArePutBack() {
    createIngress("skh");
    cluster.create(Routes.routed(cluster, "skh", skipper("skh"), weight(40), pause(null)));
    cluster.awaitPhase("skh", "Healthy");
    cluster.setImage("skh", "demo:v2");
    cluster.awaitStep("skh", 1, "Paused");
    cluster.await("skh", "weighed", weights("skh-skh-canary", "skh-stable", 60, "skh-canary", 40));

    cluster.client.network().v1().ingresses().inNamespace(Cluster.NS).withName("skh-skh-canary")
        .edit(i -> {
          i.getMetadata().getAnnotations().put(WEIGHTS, "{\"skh-stable\": 0, \"skh-canary\": 100}");
          return i;
        });
    // any change Ramp watches makes it look again, as its resync does every 30 seconds
    cluster.client.services().inNamespace(Cluster.NS).withName("skh-stable")
        .edit(s -> {
          s.getMetadata().setLabels(Map.of("touched", "yes"));
          return s;
        });

    cluster.await("skh", "put back", weights("skh-skh-canary", "skh-stable", 60, "skh-canary", 40));
  }

  @Test
  void aMissingIngressIsAClearInvalidSpec() {
    cluster.create(Routes.routed(cluster, "skm", skipper("skm"), weight(10)));

    assertThat(cluster.awaitPhase("skm", "Degraded").getStatus().message)
        .contains("Ingress \"skm\" does not exist in namespace default");
    cluster.eventually(() -> assertThat(cluster.events("skm")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains("Ingress \"skm\" does not exist");
    }));
  }

  @Test
  void skipperCannotRouteByHeaderAndSaysSo() {
    cluster.create(Routes.routed(cluster, "skr", skipper("skr"),
        Routes.header("beta", "x-beta", "1")));

    assertThat(cluster.awaitPhase("skr", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.steps[0]: Skipper cannot route by header (setHeaderRoute)");
  }
}
