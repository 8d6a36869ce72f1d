package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gloo Edge routing through the real operator, on RouteTables as Flagger users write them. */
class GlooRoutingTest extends ClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  void installGloo() {
    RouterFixtures.installCrds(cluster.client, RouterKind.GLOO_ROUTE_TABLE);
  }

  /**
   * A RouteTable with the app's route (to the Upstream Gloo's discovery makes for the stable
   * Service, or to the Service itself), with options and a field newer than Ramp, and an unnamed
   * route to another Upstream.
   */
  private JsonNode createTable(String name, String stableDestination) {
    RouterFixtures.create(cluster.client, """
        apiVersion: gateway.solo.io/v1
        kind: RouteTable
        metadata:
          name: %1$s
          annotations: {team: payments}
        spec:
          weight: 10
          routes:
            - name: main
              matchers: [{prefix: /api}]
              routeAction:
                multi:
                  destinations:
                    - destination: %2$s
                      weight: 100
              options: {timeout: 5s}
              futureField: {kept: true}
            - matchers: [{prefix: /static}]
              routeAction:
                single: {upstream: {name: default-static-80, namespace: gloo-system}}
        """.formatted(name, stableDestination));
    return table(name);
  }

  private JsonNode createTable(String name) {
    return createTable(name,
        "{upstream: {name: default-" + name + "-stable-80, namespace: gloo-system}}");
  }

  private static TrafficRouting gloo(String table) {
    TrafficRouting routing = RouterFixtures.gloo();
    routing.gloo.routeTable = table;
    return routing;
  }

  private JsonNode table(String name) {
    GenericKubernetesResource table = cluster.client.genericKubernetesResources(
        RouterKind.GLOO_ROUTE_TABLE.apiVersion(), "RouteTable").inNamespace(Cluster.NS)
        .withName(name).get();
    return JSON.valueToTree(table);
  }

  private static JsonNode route(JsonNode table, String name) {
    for (JsonNode route : table.path("spec").path("routes")) {
      if (name.equals(route.path("name").asText())) {
        return route;
      }
    }
    return null;
  }

  /** The last route: the /static one, which has no name. */
  private static JsonNode staticRoute(JsonNode table) {
    JsonNode routes = table.path("spec").path("routes");
    return routes.get(routes.size() - 1);
  }

  /** Upstream (or Service) to weight. */
  private static Map<String, Integer> weights(JsonNode route) {
    Map<String, Integer> weights = new HashMap<>();
    route.path("routeAction").path("multi").path("destinations").forEach(d -> weights.put(
        d.path("destination").path("upstream").path("name")
            .asText(d.path("destination").path("kube").path("ref").path("name").asText()),
        d.path("weight").asInt(0)));
    return weights;
  }

  @Test
  void weightsAndAHeaderRouteAtEveryStepAndNothingElseTouched() {
    JsonNode original = createTable("gl");
    cluster.create(Routes.routed(cluster, "gl", gloo("gl"), weight(20),
        Routes.header("beta", "x-beta", "1"), pause(null), weight(60), pause(null)));
    cluster.awaitPhase("gl", "Healthy");

    cluster.setImage("gl", "demo:v2");
    cluster.awaitStep("gl", 2, "Paused");

    JsonNode during = table("gl");
    assertThat(weights(route(during, "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("default-gl-stable-80", 80, "default-gl-canary-80", 20));
    assertThat(route(during, "main").path("routeAction").path("multi").path("destinations")
        .get(1).path("destination").path("upstream").path("namespace").asText())
        .isEqualTo("gloo-system");
    JsonNode beta = during.path("spec").path("routes").get(0);
    assertThat(beta.path("name").asText()).isEqualTo("beta");
    assertThat(beta.path("matchers")).singleElement().satisfies(matcher -> {
      assertThat(matcher.path("prefix").asText()).as("the parent's prefix kept").isEqualTo("/api");
      assertThat(matcher.path("headers")).singleElement().satisfies(h -> {
        assertThat(h.path("name").asText()).isEqualTo("x-beta");
        assertThat(h.path("value").asText()).isEqualTo("1");
        assertThat(h.has("regex")).isFalse();
      });
    });
    assertThat(weights(beta)).containsExactlyEntriesOf(Map.of("default-gl-canary-80", 100));
    assertThat(beta.path("options")).isEqualTo(route(original, "main").path("options"));
    assertThat(route(during, "main").path("futureField")).isEqualTo(
        route(original, "main").path("futureField"));
    assertThat(staticRoute(during)).isEqualTo(staticRoute(original));
    assertThat(during.path("spec").path("weight").asInt()).isEqualTo(10);

    cluster.patchStatus("gl", "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep("gl", 4, "Paused");
    assertThat(weights(route(table("gl"), "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("default-gl-stable-80", 40, "default-gl-canary-80", 60));

    cluster.patchStatus("gl", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("gl", "weight back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && weights(route(table("gl"), "main")).get("default-gl-canary-80") == 0);
    JsonNode after = table("gl");
    assertThat(after.path("spec").path("routes")).hasSize(2);
    assertThat(staticRoute(after)).isEqualTo(staticRoute(original));
    assertThat(after.path("metadata").path("annotations").properties())
        .extracting(Map.Entry::getKey).containsExactly("team");
  }

  @Test
  void aKubeServiceDestinationIsWeighedAndAbortRemovesTheHeaderRoute() {
    createTable("gla", "{kube: {ref: {name: gla-stable, namespace: default}, port: 80}}");
    cluster.create(Routes.routed(cluster, "gla", gloo("gla"), weight(50),
        Routes.header("beta", "x-beta", "1"), pause(null)));
    cluster.awaitPhase("gla", "Healthy");
    cluster.setImage("gla", "demo:v2");
    cluster.awaitStep("gla", 2, "Paused");
    assertThat(weights(route(table("gla"), "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("gla-stable", 50, "gla-canary", 50));
    assertThat(route(table("gla"), "beta")).isNotNull();

    cluster.patchStatus("gla", "{\"status\":{\"abort\":true}}");

    cluster.await("gla", "weight 0", r -> "Aborted".equals(r.getStatus().phase)
        && weights(route(table("gla"), "main")).get("gla-canary") == 0);
    assertThat(weights(route(table("gla"), "main"))).containsEntry("gla-stable", 100);
    assertThat(route(table("gla"), "beta")).isNull();
    assertThat(table("gla").path("spec").path("routes")).hasSize(2);
  }

  @Test
  void aMirrorStepAndAPrefixHeaderMatchAreRefusedNamingWhy() {
    createTable("glm");
    var prefixed = Routes.header("beta", "x-beta", "1");
    prefixed.setHeaderRoute.match.get(0).headerValue.exact = null;
    prefixed.setHeaderRoute.match.get(0).headerValue.prefix = "be";
    cluster.create(Routes.routed(cluster, "glm", gloo("glm"), Routes.mirror("shadow", 10),
        prefixed));

    assertThat(cluster.awaitPhase("glm", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.steps[0]: Gloo Edge cannot mirror traffic (setMirrorRoute)",
        "spec.strategy.canary.steps[1]: Gloo Edge cannot match a header by prefix (use regex)");
  }

  @Test
  void aRouteTableWithoutARouteToTheStableServiceIsAnInvalidSpecSayingWhatIsLookedFor() {
    createTable("gln", "{upstream: {name: default-other-80, namespace: gloo-system}}");
    cluster.create(Routes.routed(cluster, "gln", gloo("gln"), weight(10)));

    String message = "RouteTable \"gln\" has no route with a routeAction.multi destination to"
        + " the stable Service \"gln-stable\" (its Upstream default-gln-stable-<port>, or"
        + " kube.ref)";
    assertThat(cluster.awaitPhase("gln", "Degraded").getStatus().message).contains(message);
    cluster.eventually(() -> assertThat(cluster.events("gln")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains(message);
    }));
  }

  /** A weight someone sets by hand is put back within 30 seconds of Ramp's last look. */
  @Test
  void aWeightEditedByHandIsPutBack() {
    createTable("glh");
    cluster.create(Routes.routed(cluster, "glh", gloo("glh"), weight(30), pause(null)));
    cluster.awaitPhase("glh", "Healthy");
    cluster.setImage("glh", "demo:v2");
    cluster.awaitStep("glh", 1, "Paused");

    cluster.client.genericKubernetesResources(RouterKind.GLOO_ROUTE_TABLE.apiVersion(),
        "RouteTable").inNamespace(Cluster.NS).withName("glh").edit(table -> {
          ObjectNode json = JSON.valueToTree(table);
          json.withArray("/spec/routes").get(0).withArray("/routeAction/multi/destinations")
              .forEach(d -> ((ObjectNode) d).put("weight", d.path("weight").asInt() == 70
                  ? 100 : 0));
          return JSON.convertValue(json, GenericKubernetesResource.class);
        });
    assertThat(weights(route(table("glh"), "main"))).containsEntry("default-glh-canary-80", 0);

    Awaitility.await().alias("30% put back").atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> weights(route(table("glh"), "main")).equals(
            Map.of("default-glh-stable-80", 70, "default-glh-canary-80", 30)));
    assertThat(cluster.rollout("glh").getStatus().phase).isEqualTo("Paused");
  }
}
