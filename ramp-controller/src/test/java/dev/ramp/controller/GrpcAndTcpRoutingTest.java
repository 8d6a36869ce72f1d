package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TCPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TCPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TCPRouteRule;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateway API routing on GRPCRoutes and TCPRoutes, through the real operator. */
class GrpcAndTcpRoutingTest extends ClusterTest {

  @BeforeAll
  void installGatewayApi() {
    for (RouterKind kind : List.of(RouterKind.GRPC_ROUTE, RouterKind.TCP_ROUTE)) {
      cluster.client.apiextensions().v1().customResourceDefinitions()
          .resource(kind.minimalCrd()).create();
    }
    // the routes' other backends: the gateway accepts a route only when they all exist
    cluster.createService("health", "health");
    cluster.createService("reports", "reports");
  }

  private static TrafficRouting gateway(Consumer<GatewayApiRouting> route) {
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    route.accept(routing.gatewayAPI);
    return routing;
  }

  /** A GRPCRoute with the app's rule, and an unrelated rule, filter and annotation. */
  private GRPCRoute createGrpcRoute(String name) {
    return cluster.client.resources(GRPCRoute.class).inNamespace(Cluster.NS).resource(
        new GRPCRouteBuilder()
            .withNewMetadata().withName(name).withNamespace(Cluster.NS)
            .addToAnnotations("team", "payments").endMetadata()
            .withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule().withName("main")
            .addNewMatch().withNewMethod().withService("shop.Checkout").endMethod().endMatch()
            .addNewBackendRef().withName(name + "-stable").withPort(9090).endBackendRef()
            .endRule()
            .addNewRule().withName("health")
            .addNewMatch().withNewMethod().withService("grpc.health.v1.Health").endMethod()
            .endMatch()
            .addNewFilter().withType("RequestHeaderModifier").withNewRequestHeaderModifier()
            .addNewSet().withName("x-probe").withValue("1").endSet()
            .endRequestHeaderModifier().endFilter()
            .addNewBackendRef().withName("health").withPort(9090).endBackendRef()
            .endRule()
            .endSpec().build()).create();
  }

  /** A TCPRoute with the app's rule and an unrelated one. */
  private TCPRoute createTcpRoute(String name) {
    return cluster.client.resources(TCPRoute.class).inNamespace(Cluster.NS).resource(
        new TCPRouteBuilder()
            .withNewMetadata().withName(name).withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().addNewParentRef().withName("gateway").withSectionName("postgres")
            .endParentRef()
            .addNewRule().withName("main")
            .addNewBackendRef().withName(name + "-stable").withPort(5432).endBackendRef()
            .endRule()
            .addNewRule().withName("reports")
            .addNewBackendRef().withName("reports").withPort(5432).endBackendRef()
            .endRule()
            .endSpec().build()).create();
  }

  private GRPCRoute grpcRoute(String name) {
    return cluster.client.resources(GRPCRoute.class).inNamespace(Cluster.NS).withName(name).get();
  }

  private TCPRoute tcpRoute(String name) {
    return cluster.client.resources(TCPRoute.class).inNamespace(Cluster.NS).withName(name).get();
  }

  private static GRPCRouteRule rule(GRPCRoute route, String name) {
    return route.getSpec().getRules().stream().filter(r -> name.equals(r.getName())).findFirst()
        .orElseThrow();
  }

  private static Map<String, Integer> weights(GRPCRouteRule rule) {
    return rule.getBackendRefs().stream().collect(Collectors.toMap(GRPCBackendRef::getName,
        ref -> ref.getWeight() == null ? 1 : ref.getWeight()));
  }

  private static Map<String, Integer> weights(TCPRoute route) {
    TCPRouteRule main = route.getSpec().getRules().stream()
        .filter(r -> "main".equals(r.getName())).findFirst().orElseThrow();
    return main.getBackendRefs().stream().collect(Collectors.toMap(BackendRef::getName,
        ref -> ref.getWeight() == null ? 1 : ref.getWeight()));
  }

  private void promote(String name) {
    cluster.patchStatus(name, "{\"status\":{\"pauseConditions\":null}}");
  }

  @Test
  void aGrpcRouteCarriesWeightsHeaderAndMirrorRoutesAndNothingElseIsTouched() {
    GRPCRoute original = createGrpcRoute("grpc");
    cluster.create(Routes.routed(cluster, "grpc", gateway(g -> g.grpcRoute = "grpc"), weight(20),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 30), pause(null),
        weight(60), pause(null)));
    cluster.awaitPhase("grpc", "Healthy");

    cluster.setImage("grpc", "demo:v2");
    Rollout atTwenty = cluster.awaitStep("grpc", 3, "Paused");

    assertThat(atTwenty.getStatus().canary.weight).isEqualTo(20);
    GRPCRoute during = grpcRoute("grpc");
    assertThat(weights(rule(during, "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("grpc-stable", 80, "grpc-canary", 20));
    GRPCRouteRule beta = during.getSpec().getRules().get(0);
    assertThat(beta.getName()).isEqualTo("beta");
    assertThat(beta.getMatches()).singleElement().satisfies(m ->
        assertThat(m.getHeaders()).singleElement().satisfies(h -> {
          assertThat(h.getName()).isEqualTo("x-beta");
          assertThat(h.getType()).isEqualTo("Exact");
          assertThat(h.getValue()).isEqualTo("1");
        }));
    assertThat(beta.getBackendRefs()).extracting(GRPCBackendRef::getName)
        .containsExactly("grpc-canary");
    assertThat(rule(during, "main").getFilters()).singleElement().satisfies(f -> {
      assertThat(f.getType()).isEqualTo("RequestMirror");
      assertThat(f.getRequestMirror().getBackendRef().getName()).isEqualTo("grpc-canary");
      assertThat(f.getRequestMirror().getPercent()).isEqualTo(30);
    });
    assertThat(rule(during, "main").getMatches()).isEqualTo(rule(original, "main").getMatches());
    assertThat(rule(during, "health")).usingRecursiveComparison()
        .isEqualTo(rule(original, "health"));

    promote("grpc");
    Rollout atSixty = cluster.awaitStep("grpc", 5, "Paused");
    assertThat(atSixty.getStatus().canary.weight).isEqualTo(60);
    assertThat(weights(rule(grpcRoute("grpc"), "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("grpc-stable", 40, "grpc-canary", 60));

    promote("grpc");
    Rollout done = cluster.await("grpc", "weight back on stable", r ->
        "Healthy".equals(r.getStatus().phase)
            && weights(rule(grpcRoute("grpc"), "main")).get("grpc-canary") == 0);

    GRPCRoute after = grpcRoute("grpc");
    assertThat(weights(rule(after, "main"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("grpc-stable", 100, "grpc-canary", 0));
    assertThat(after.getSpec().getRules()).extracting(GRPCRouteRule::getName)
        .containsExactly("main", "health");
    assertThat(rule(after, "main").getFilters()).isEmpty();
    assertThat(rule(after, "health")).usingRecursiveComparison()
        .isEqualTo(rule(original, "health"));
    assertThat(after.getMetadata().getAnnotations()).containsOnlyKeys("team");
    assertThat(done.getStatus().stableRevision).isEqualTo(atTwenty.getStatus().updatedRevision);
    assertThat(cluster.pinnedHash("grpc-stable")).isEqualTo(done.getStatus().stableRevision);
  }

  @Test
  void aTcpRouteCarriesTheWeightsOfEveryStep() {
    TCPRoute original = createTcpRoute("tcp");
    cluster.create(Routes.routed(cluster, "tcp", gateway(g -> g.tcpRoute = "tcp"), weight(10),
        pause(null), weight(50), pause(null)));
    cluster.awaitPhase("tcp", "Healthy");

    cluster.setImage("tcp", "demo:v2");
    Rollout atTen = cluster.awaitStep("tcp", 1, "Paused");
    assertThat(atTen.getStatus().canary.weight).isEqualTo(10);
    assertThat(weights(tcpRoute("tcp"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("tcp-stable", 90, "tcp-canary", 10));

    promote("tcp");
    Rollout atFifty = cluster.awaitStep("tcp", 3, "Paused");
    assertThat(atFifty.getStatus().canary.weight).isEqualTo(50);
    assertThat(weights(tcpRoute("tcp"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("tcp-stable", 50, "tcp-canary", 50));

    promote("tcp");
    Rollout done = cluster.await("tcp", "weight back on stable", r ->
        "Healthy".equals(r.getStatus().phase) && weights(tcpRoute("tcp")).get("tcp-canary") == 0);
    TCPRoute after = tcpRoute("tcp");
    assertThat(weights(after)).containsExactlyInAnyOrderEntriesOf(
        Map.of("tcp-stable", 100, "tcp-canary", 0));
    assertThat(after.getSpec().getRules().get(1)).usingRecursiveComparison()
        .isEqualTo(original.getSpec().getRules().get(1));
    assertThat(after.getSpec().getParentRefs()).isEqualTo(original.getSpec().getParentRefs());
    assertThat(done.getStatus().stableRevision).isEqualTo(atTen.getStatus().updatedRevision);
  }

  @Test
  void headerAndMirrorStepsWithATcpRouteAreAnInvalidSpecAndTheRouteIsLeftAlone() {
    TCPRoute original = createTcpRoute("tcph");
    cluster.create(Routes.routed(cluster, "tcph", gateway(g -> g.tcpRoute = "tcph"), weight(10),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 30)));

    Rollout refused = cluster.awaitPhase("tcph", "Degraded");

    assertThat(refused.getStatus().message).contains(
        "spec.strategy.canary.steps[1]: Gateway API TCPRoute cannot route by header"
            + " (setHeaderRoute)",
        "spec.strategy.canary.steps[2]: Gateway API TCPRoute cannot mirror traffic"
            + " (setMirrorRoute)");
    cluster.eventually(() -> assertThat(cluster.events("tcph")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains("TCPRoute cannot route by header");
    }));
    assertThat(tcpRoute("tcph").getSpec()).usingRecursiveComparison()
        .isEqualTo(original.getSpec());
    assertThat(cluster.replicaSets("tcph")).isEmpty();
  }

  @Test
  void aGatewayApiRouterNamesExactlyOneRoute() {
    GRPCRoute grpc = createGrpcRoute("both");
    TCPRoute tcp = createTcpRoute("both");
    cluster.create(Routes.routed(cluster, "both", gateway(g -> {
      g.grpcRoute = "both";
      g.tcpRoute = "both";
    }), weight(10)));

    Rollout refused = cluster.awaitPhase("both", "Degraded");

    assertThat(refused.getStatus().message).contains("spec.strategy.canary.trafficRouting"
        + ".gatewayAPI must set exactly one of httpRoute, grpcRoute, tcpRoute");
    cluster.eventually(() -> assertThat(cluster.events("both")).anySatisfy(e ->
        assertThat(e.getReason()).isEqualTo("InvalidSpec")));
    assertThat(grpcRoute("both").getSpec()).usingRecursiveComparison()
        .isEqualTo(grpc.getSpec());
    assertThat(tcpRoute("both").getSpec()).usingRecursiveComparison().isEqualTo(tcp.getSpec());
  }
}
