package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateway API routing through the real operator, on HTTPRoutes of the fabric8 model. */
class GatewayApiRoutingTest extends ClusterTest {

  @BeforeAll
  void installGatewayApi() {
    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
    // the routes' other backends: the gateway accepts a route only when they all exist
    cluster.createService("admin", "admin");
    cluster.createService("static", "static");
  }

  /** An HTTPRoute with the app's rule, and an unrelated rule, filter and annotation. */
  private HTTPRoute createRoute(String name) {
    return cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder()
            .withNewMetadata().withName(name).withNamespace(Cluster.NS)
            .addToAnnotations("team", "payments").endMetadata()
            .withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule().withName("main")
            .addNewMatch().withNewPath().withType("PathPrefix").withValue("/").endPath()
            .endMatch()
            .addNewBackendRef().withName(name + "-stable").withPort(80).endBackendRef()
            .endRule()
            .addNewRule().withName("admin")
            .addNewMatch().withNewPath().withType("PathPrefix").withValue("/admin").endPath()
            .endMatch()
            .addNewFilter().withType("RequestHeaderModifier").withNewRequestHeaderModifier()
            .addNewSet().withName("x-admin").withValue("1").endSet()
            .endRequestHeaderModifier().endFilter()
            .addNewBackendRef().withName("admin").withPort(8080).endBackendRef()
            .endRule()
            .endSpec().build()).create();
  }

  private static TrafficRouting gateway(String route) {
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = route;
    return routing;
  }

  private HTTPRoute route(String name) {
    return cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).withName(name).get();
  }

  private static HTTPRouteRule rule(HTTPRoute route, String name) {
    return route.getSpec().getRules().stream().filter(r -> name.equals(r.getName())).findFirst()
        .orElse(null);
  }

  private static Map<String, Integer> weights(HTTPRouteRule rule) {
    return rule.getBackendRefs().stream().collect(Collectors.toMap(HTTPBackendRef::getName,
        ref -> ref.getWeight() == null ? 1 : ref.getWeight()));
  }

  @Test
  void afterThePromotionThePreviousStableRunsForScaleDownDelaySeconds() {
    createRoute("delay");
    Rollout manifest = Routes.routed(cluster, "delay", gateway("delay"), weight(50));
    manifest.getSpec().strategy.canary.scaleDownDelaySeconds = 3;
    cluster.create(manifest);
    String v1 = cluster.awaitPhase("delay", "Healthy").getStatus().stableRevision;

    cluster.setImage("delay", "demo:v2");

    cluster.await("delay", "v2 stable", r -> !v1.equals(r.getStatus().stableRevision));
    long promoted = System.nanoTime();
    assertThat(cluster.replicas("delay", v1)).isEqualTo(4);
    assertThat(cluster.replicaSet("delay", v1).getMetadata().getAnnotations())
        .containsKey("ramp.dev/scale-down-deadline");
    cluster.await("delay", "v1 scaled down", r -> cluster.replicas("delay", v1) == 0);
    assertThat(System.nanoTime() - promoted).isGreaterThan(2_000_000_000L);
  }

  @Test
  void weightsHeaderAndMirrorRoutesAtEveryStepAndNothingElseTouched() {
    HTTPRoute original = createRoute("gw");
    cluster.create(Routes.routed(cluster, "gw", gateway("gw"), weight(20),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 30), pause(null),
        weight(60), pause(null)));
    cluster.awaitPhase("gw", "Healthy");

    cluster.setImage("gw", "demo:v2");
    cluster.awaitStep("gw", 3, "Paused");

    HTTPRoute during = route("gw");
    assertThat(weights(rule(during, "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("gw-stable", 80, "gw-canary", 20));
    HTTPRouteRule beta = during.getSpec().getRules().get(0);
    assertThat(beta.getName()).isEqualTo("beta");
    assertThat(beta.getMatches().get(0).getHeaders()).singleElement().satisfies(h -> {
      assertThat(h.getName()).isEqualTo("x-beta");
      assertThat(h.getValue()).isEqualTo("1");
      assertThat(h.getType()).isEqualTo("Exact");
    });
    assertThat(beta.getBackendRefs()).extracting(HTTPBackendRef::getName)
        .containsExactly("gw-canary");
    assertThat(rule(during, "main").getFilters()).singleElement().satisfies(f -> {
      assertThat(f.getType()).isEqualTo("RequestMirror");
      assertThat(f.getRequestMirror().getBackendRef().getName()).isEqualTo("gw-canary");
      assertThat(f.getRequestMirror().getPercent()).isEqualTo(30);
    });
    assertThat(rule(during, "admin")).usingRecursiveComparison()
        .isEqualTo(rule(original, "admin"));
    assertThat(during.getMetadata().getAnnotations()).containsEntry("team", "payments");

    cluster.patchStatus("gw", "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep("gw", 5, "Paused");
    assertThat(weights(rule(route("gw"), "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("gw-stable", 40, "gw-canary", 60));

    cluster.patchStatus("gw", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("gw", "weight back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && weights(rule(route("gw"), "main")).get("gw-canary") == 0);

    HTTPRoute after = route("gw");
    assertThat(after.getSpec().getRules()).extracting(HTTPRouteRule::getName)
        .containsExactly("main", "admin");
    assertThat(rule(after, "main").getFilters()).isEmpty();
    assertThat(rule(after, "admin")).usingRecursiveComparison()
        .isEqualTo(rule(original, "admin"));
    assertThat(after.getMetadata().getAnnotations()).containsOnlyKeys("team");
    assertThat(cluster.pinnedHash("gw-stable")).isEqualTo(
        cluster.rollout("gw").getStatus().stableRevision);
  }

  /** An HTTPRoute as most are written: its app's rule, and a /static rule with no filters. */
  private HTTPRoute createRouteWithStaticRule(String name) {
    return cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder()
            .withNewMetadata().withName(name).withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule()
            .addNewMatch().withNewPath().withType("PathPrefix").withValue("/static").endPath()
            .endMatch()
            .addNewBackendRef().withName("static").withPort(80).endBackendRef()
            .endRule()
            .addNewRule().withName("main")
            .addNewBackendRef().withName(name + "-stable").withPort(80).endBackendRef()
            .endRule()
            .endSpec().build()).create();
  }

  @Test
  void headerAndMirrorRoutesOnARouteWithARuleWithoutFiltersComplete() {
    HTTPRoute original = createRouteWithStaticRule("gws");
    cluster.create(Routes.routed(cluster, "gws", gateway("gws"), weight(20),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 30), pause(null),
        weight(60)));
    cluster.awaitPhase("gws", "Healthy");

    cluster.setImage("gws", "demo:v2");
    cluster.awaitStep("gws", 3, "Paused");
    assertThat(route("gws").getSpec().getRules()).extracting(HTTPRouteRule::getName)
        .containsExactlyInAnyOrder(null, "beta", "main");
    cluster.patchStatus("gws", "{\"status\":{\"pauseConditions\":null}}");

    cluster.await("gws", "completed, weight back on stable", r ->
        "Healthy".equals(r.getStatus().phase)
            && weights(rule(route("gws"), "main")).get("gws-canary") == 0);
    HTTPRoute after = route("gws");
    assertThat(after.getSpec().getRules()).hasSize(2);
    assertThat(after.getSpec().getRules().get(0)).as("the /static rule, untouched")
        .usingRecursiveComparison().isEqualTo(original.getSpec().getRules().get(0));
    assertThat(rule(after, "main").getFilters()).as("no filters, as written").isEmpty();
    assertThat(after.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void abortWithHeaderAndMirrorRoutesOnARouteWithARuleWithoutFiltersCleansUp() {
    HTTPRoute original = createRouteWithStaticRule("gwsa");
    cluster.create(Routes.routed(cluster, "gwsa", gateway("gwsa"), weight(20),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 30), pause(null)));
    cluster.awaitPhase("gwsa", "Healthy");
    cluster.setImage("gwsa", "demo:v2");
    cluster.awaitStep("gwsa", 3, "Paused");

    cluster.patchStatus("gwsa", "{\"status\":{\"abort\":true}}");

    cluster.await("gwsa", "aborted, routes removed", r -> "Aborted".equals(r.getStatus().phase)
        && route("gwsa").getSpec().getRules().size() == 2);
    HTTPRoute after = route("gwsa");
    assertThat(weights(rule(after, "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("gwsa-stable", 100, "gwsa-canary", 0));
    assertThat(after.getSpec().getRules().get(0)).usingRecursiveComparison()
        .isEqualTo(original.getSpec().getRules().get(0));
    assertThat(rule(after, "main").getFilters()).isEmpty();
    assertThat(after.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void abortSendsAllTrafficToStableAtOnceAndRemovesTheRoutes() {
    createRoute("gwa");
    cluster.create(Routes.routed(cluster, "gwa", gateway("gwa"), weight(50),
        Routes.header("beta", "x-beta", "1"), pause(null)));
    cluster.awaitPhase("gwa", "Healthy");
    cluster.setImage("gwa", "demo:v2");
    String v2 = cluster.awaitStep("gwa", 2, "Paused").getStatus().updatedRevision;

    cluster.patchStatus("gwa", "{\"status\":{\"abort\":true}}");

    cluster.await("gwa", "weight 0", r -> "Aborted".equals(r.getStatus().phase)
        && weights(rule(route("gwa"), "main")).get("gwa-canary") == 0);
    assertThat(route("gwa").getSpec().getRules()).extracting(HTTPRouteRule::getName)
        .containsExactly("main", "admin");
    assertThat(cluster.replicas("gwa", v2)).as("kept for abortScaleDownDelaySeconds")
        .isEqualTo(2);
    cluster.await("gwa", "canary down", r -> cluster.replicas("gwa", v2) == 0);
  }

  @Test
  void twoRolloutsMidWayAtOnceKeepToTheirOwnRoutes() {
    createRoute("gw1");
    createRoute("gw2");
    cluster.create(Routes.routed(cluster, "gw1", gateway("gw1"), weight(10), pause(null)));
    cluster.create(Routes.routed(cluster, "gw2", gateway("gw2"), weight(30), pause(null)));
    cluster.awaitPhase("gw1", "Healthy");
    cluster.awaitPhase("gw2", "Healthy");

    cluster.setImage("gw1", "demo:v2");
    cluster.setImage("gw2", "demo:v2");

    cluster.awaitStep("gw1", 1, "Paused");
    cluster.awaitStep("gw2", 1, "Paused");
    assertThat(weights(rule(route("gw1"), "main"))).containsEntry("gw1-canary", 10)
        .doesNotContainKey("gw2-canary");
    assertThat(weights(rule(route("gw2"), "main"))).containsEntry("gw2-canary", 30)
        .doesNotContainKey("gw1-canary");
  }
}
