package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.ApisixRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Apache APISIX routing through the real operator, on ApisixRoutes as users write them. */
class ApisixRoutingTest extends ClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  void installApisix() {
    RouterFixtures.installCrds(cluster.client, RouterKind.APISIX_ROUTE);
    // the routes' other backend: APISIX syncs a route only when all its Services exist
    cluster.createService("static", "static");
  }

  /**
   * The app's rule with hosts, paths, a plugin and a field newer than Ramp, and a rule to
   * another Service; no weights, as Argo Rollouts' example leaves them out.
   */
  private JsonNode createRoute(String name) {
    RouterFixtures.create(cluster.client, """
        apiVersion: apisix.apache.org/v2
        kind: ApisixRoute
        metadata:
          name: %1$s
          annotations: {team: payments}
        spec:
          ingressClassName: apisix
          http:
            - name: main
              match:
                hosts: [shop.example.com]
                paths: ["/*"]
              backends:
                - serviceName: %1$s-stable
                  servicePort: 80
              plugins:
                - name: limit-count
                  enable: true
                  config: {count: 100, time_window: 60}
              futureField: {kept: true}
            - name: static
              match: {paths: ["/static/*"]}
              backends: [{serviceName: static, servicePort: 80}]
        """.formatted(name));
    return route(name);
  }

  private static TrafficRouting apisix(String route) {
    TrafficRouting routing = new TrafficRouting();
    routing.apisix = new ApisixRouting();
    routing.apisix.route = new ApisixRouting.Route();
    routing.apisix.route.name = route;
    return routing;
  }

  private JsonNode route(String name) {
    GenericKubernetesResource route = cluster.client.genericKubernetesResources(
        RouterKind.APISIX_ROUTE.apiVersion(), "ApisixRoute").inNamespace(Cluster.NS)
        .withName(name).get();
    return JSON.valueToTree(route);
  }

  private static JsonNode rule(JsonNode route, String name) {
    for (JsonNode rule : route.path("spec").path("http")) {
      if (name.equals(rule.path("name").asText())) {
        return rule;
      }
    }
    return null;
  }

  /** Service to weight, as APISIX reads them (100 when absent). */
  private static Map<String, Integer> weights(JsonNode rule) {
    Map<String, Integer> weights = new HashMap<>();
    rule.path("backends").forEach(b -> weights.put(b.path("serviceName").asText(),
        b.path("weight").asInt(100)));
    return weights;
  }

  private static List<String> ruleNames(JsonNode route) {
    List<String> names = new ArrayList<>();
    route.path("spec").path("http").forEach(rule -> names.add(rule.path("name").asText()));
    return names;
  }

  @Test
  void weightsAndAHeaderRouteAtEveryStepAndNothingElseTouched() {
    JsonNode original = createRoute("ap");
    cluster.create(Routes.routed(cluster, "ap", apisix("ap"), weight(20),
        Routes.header("beta", "x-beta", "1"), pause(null), weight(60), pause(null)));
    cluster.awaitPhase("ap", "Healthy");

    cluster.setImage("ap", "demo:v2");
    cluster.awaitStep("ap", 2, "Paused");

    JsonNode during = route("ap");
    assertThat(weights(rule(during, "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("ap-stable", 80, "ap-canary", 20));
    assertThat(rule(during, "main").path("backends").get(1).path("servicePort").asInt())
        .isEqualTo(80);
    JsonNode beta = rule(during, "beta");
    assertThat(beta.path("match").path("exprs")).singleElement().satisfies(expr -> {
      assertThat(expr.path("subject").path("scope").asText()).isEqualTo("Header");
      assertThat(expr.path("subject").path("name").asText()).isEqualTo("x-beta");
      assertThat(expr.path("op").asText()).isEqualTo("Equal");
      assertThat(expr.path("value").asText()).isEqualTo("1");
    });
    assertThat(beta.path("match").path("paths")).isEqualTo(
        rule(original, "main").path("match").path("paths"));
    assertThat(beta.path("match").path("hosts")).isEqualTo(
        rule(original, "main").path("match").path("hosts"));
    assertThat(beta.path("priority").asInt()).as("tried before main").isEqualTo(1);
    assertThat(weights(beta)).containsExactlyEntriesOf(Map.of("ap-canary", 100));
    assertThat(beta.path("plugins")).isEqualTo(rule(original, "main").path("plugins"));
    assertThat(rule(during, "main").path("futureField")).isEqualTo(
        rule(original, "main").path("futureField"));
    assertThat(rule(during, "static")).isEqualTo(rule(original, "static"));
    assertThat(during.path("spec").path("ingressClassName").asText()).isEqualTo("apisix");
    assertThat(during.path("metadata").path("annotations").path("team").asText())
        .isEqualTo("payments");

    cluster.patchStatus("ap", "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep("ap", 4, "Paused");
    assertThat(weights(rule(route("ap"), "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("ap-stable", 40, "ap-canary", 60));

    cluster.patchStatus("ap", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("ap", "weight back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && weights(rule(route("ap"), "main")).get("ap-canary") == 0);
    JsonNode after = route("ap");
    assertThat(ruleNames(after)).containsExactly("main", "static");
    assertThat(rule(after, "static")).isEqualTo(rule(original, "static"));
    assertThat(after.path("metadata").path("annotations").properties())
        .extracting(Map.Entry::getKey).containsExactly("team");
  }

  @Test
  void abortSendsAllTrafficToStableAtOnceAndRemovesTheHeaderRoute() {
    createRoute("apa");
    cluster.create(Routes.routed(cluster, "apa", apisix("apa"), weight(50),
        Routes.header("beta", "x-beta", "1"), pause(null)));
    cluster.awaitPhase("apa", "Healthy");
    cluster.setImage("apa", "demo:v2");
    cluster.awaitStep("apa", 2, "Paused");
    assertThat(ruleNames(route("apa"))).containsExactly("beta", "main", "static");

    cluster.patchStatus("apa", "{\"status\":{\"abort\":true}}");

    cluster.await("apa", "weight 0", r -> "Aborted".equals(r.getStatus().phase)
        && weights(rule(route("apa"), "main")).get("apa-canary") == 0);
    assertThat(weights(rule(route("apa"), "main"))).containsEntry("apa-stable", 100);
    assertThat(ruleNames(route("apa"))).containsExactly("main", "static");
  }

  @Test
  void aMirrorStepIsRefusedNamingWhatApisixDoesInstead() {
    createRoute("apm");
    cluster.create(Routes.routed(cluster, "apm", apisix("apm"), Routes.mirror("shadow", 10)));

    assertThat(cluster.awaitPhase("apm", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.steps[0]: Apache APISIX cannot mirror traffic (setMirrorRoute):"
            + " APISIX mirrors with the proxy-mirror plugin");
  }

  @Test
  void aRuleListedThatTheRouteDoesNotHaveIsAnInvalidSpecNamingIt() {
    createRoute("apl");
    TrafficRouting routing = apisix("apl");
    routing.apisix.route.rules = List.of("api");
    cluster.create(Routes.routed(cluster, "apl", routing, weight(10)));

    String message = "ApisixRoute \"apl\" has no http rule named [api] with a backend to the"
        + " stable Service \"apl-stable\"";
    assertThat(cluster.awaitPhase("apl", "Degraded").getStatus().message).contains(message);
    cluster.eventually(() -> assertThat(cluster.events("apl")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains(message);
    }));
  }

  /**
   * A weight someone sets by hand (or a GitOps sync resets) is put back: Ramp looks at a routed
   * rollout again 30 seconds after its last reconcile at the latest.
   */
  @Test
  void aWeightEditedByHandIsPutBack() {
    createRoute("aph");
    cluster.create(Routes.routed(cluster, "aph", apisix("aph"), weight(30), pause(null)));
    cluster.awaitPhase("aph", "Healthy");
    cluster.setImage("aph", "demo:v2");
    cluster.awaitStep("aph", 1, "Paused");

    cluster.client.genericKubernetesResources(RouterKind.APISIX_ROUTE.apiVersion(),
        "ApisixRoute").inNamespace(Cluster.NS).withName("aph").edit(route -> {
          ObjectNode json = JSON.valueToTree(route);
          json.withArray("/spec/http").get(0).withArray("backends")
              .forEach(backend -> ((ObjectNode) backend).remove("weight"));
          return JSON.convertValue(json, GenericKubernetesResource.class);
        });
    assertThat(weights(rule(route("aph"), "main"))).containsEntry("aph-canary", 100);

    Awaitility.await().alias("30% put back").atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> weights(rule(route("aph"), "main"))
            .equals(Map.of("aph-stable", 70, "aph-canary", 30)));
    assertThat(cluster.rollout("aph").getStatus().phase).isEqualTo("Paused");
  }
}
