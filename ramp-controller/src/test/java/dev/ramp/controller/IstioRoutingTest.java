package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1beta1.DestinationRule;
import io.fabric8.istio.api.networking.v1beta1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1beta1.VirtualService;
import io.fabric8.istio.api.networking.v1beta1.VirtualServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Istio routing, host-based and subset-based, on objects of fabric8's Istio model. */
class IstioRoutingTest extends ClusterTest {

  @BeforeAll
  void installIstio() {
    for (RouterKind kind : List.of(RouterKind.VIRTUAL_SERVICE, RouterKind.DESTINATION_RULE)) {
      cluster.client.apiextensions().v1().customResourceDefinitions()
          .resource(kind.minimalCrd()).create();
    }
  }

  /** A VirtualService routing to {@code to} (a host, or a subset of host {@code name}). */
  private VirtualService createVirtualService(String name, String host, String subset) {
    return cluster.client.resources(VirtualService.class).inNamespace(Cluster.NS).resource(
        new VirtualServiceBuilder()
            .withNewMetadata().withName(name).withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().withHosts(name + ".example.com").withGateways("mesh")
            .addNewHttp().withName("primary")
            .addNewRoute().withNewDestination().withHost(host).withSubset(subset)
            .endDestination().withWeight(100).endRoute()
            .endHttp()
            .addNewHttp().withName("other")
            .addNewRoute().withNewDestination().withHost("other").endDestination().endRoute()
            .endHttp()
            .endSpec().build()).create();
  }

  private VirtualService virtualService(String name) {
    return cluster.client.resources(VirtualService.class).inNamespace(Cluster.NS).withName(name)
        .get();
  }

  private static HTTPRoute http(VirtualService service, String name) {
    return service.getSpec().getHttp().stream().filter(r -> name.equals(r.getName()))
        .findFirst().orElse(null);
  }

  private static Map<String, Integer> weights(HTTPRoute route) {
    return weights(route.getRoute(), HTTPRouteDestination::getDestination,
        HTTPRouteDestination::getWeight);
  }

  private static Map<String, Integer> weights(TCPRoute route) {
    return weights(route.getRoute(), RouteDestination::getDestination,
        RouteDestination::getWeight);
  }

  private static Map<String, Integer> weights(TLSRoute route) {
    return weights(route.getRoute(), RouteDestination::getDestination,
        RouteDestination::getWeight);
  }

  /** Weights by destination host (or subset, when it has one). */
  private static <D> Map<String, Integer> weights(List<D> route,
      Function<D, Destination> destination, Function<D, Integer> weight) {
    return route.stream().collect(Collectors.toMap(
        d -> destination.apply(d).getSubset() != null ? destination.apply(d).getSubset()
            : destination.apply(d).getHost(),
        d -> weight.apply(d) == null ? 0 : weight.apply(d)));
  }

  private static TrafficRouting istio(String virtualService, String destinationRule) {
    TrafficRouting routing = new TrafficRouting();
    routing.istio = new IstioRouting();
    routing.istio.virtualService = new IstioRouting.VirtualServiceRef();
    routing.istio.virtualService.name = virtualService;
    routing.istio.virtualService.routes = List.of("primary");
    if (destinationRule != null) {
      routing.istio.destinationRule = new IstioRouting.DestinationRuleRef();
      routing.istio.destinationRule.name = destinationRule;
      routing.istio.destinationRule.stableSubsetName = "stable";
      routing.istio.destinationRule.canarySubsetName = "canary";
    }
    return routing;
  }

  /** Istio routing that weighs only the TCP routes on {@code port}. */
  private static TrafficRouting tcpOnly(String virtualService, String destinationRule,
      int port) {
    TrafficRouting routing = istio(virtualService, destinationRule);
    routing.istio.virtualService.routes = null;
    IstioRouting.TcpRoute tcp = new IstioRouting.TcpRoute();
    tcp.port = port;
    routing.istio.virtualService.tcpRoutes = List.of(tcp);
    return routing;
  }

  private static IstioRouting.TlsRoute tls(int port, String... sniHosts) {
    IstioRouting.TlsRoute tls = new IstioRouting.TlsRoute();
    tls.port = port;
    tls.sniHosts = List.of(sniHosts);
    return tls;
  }

  @Test
  void hostBasedWeightsHeaderAndMirrorRoutes() {
    VirtualService original = createVirtualService("is", "is-stable", null);
    cluster.create(Routes.routed(cluster, "is", istio("is", null), weight(25),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 10), pause(null)));
    cluster.awaitPhase("is", "Healthy");

    cluster.setImage("is", "demo:v2");
    cluster.awaitStep("is", 3, "Paused");

    VirtualService during = virtualService("is");
    assertThat(during.getSpec().getHttp()).extracting(HTTPRoute::getName)
        .containsExactly("beta", "primary", "other");
    assertThat(weights(http(during, "primary"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("is-stable", 75, "is-canary", 25));
    assertThat(http(during, "beta").getMatch().get(0).getHeaders()).containsKey("x-beta");
    assertThat(http(during, "beta").getRoute()).extracting(d -> d.getDestination().getHost())
        .containsExactly("is-canary");
    assertThat(http(during, "primary").getMirror().getHost()).isEqualTo("is-canary");
    assertThat(http(during, "primary").getMirrorPercentage().getValue()).isEqualTo(10.0);
    assertThat(http(during, "other")).usingRecursiveComparison()
        .isEqualTo(http(original, "other"));
    assertThat(during.getSpec().getHosts()).containsExactly("is.example.com");

    promote("is");
    cluster.await("is", "weight back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && weights(http(virtualService("is"), "primary")).get("is-canary") == 0);
    VirtualService after = virtualService("is");
    assertThat(after.getSpec().getHttp()).extracting(HTTPRoute::getName)
        .containsExactly("primary", "other");
    assertThat(http(after, "primary").getMirror()).isNull();
    assertThat(http(after, "other")).usingRecursiveComparison()
        .isEqualTo(http(original, "other"));
  }

  @Test
  void subsetBasedPinsTheSubsetsToTheRevisions() {
    createVirtualService("sub", "sub", "stable");
    createDestinationRule("sub");
    cluster.create(Routes.routed(cluster, "sub", istio("sub", "sub"), weight(50), pause(null)));
    String v1 = cluster.awaitPhase("sub", "Healthy").getStatus().stableRevision;

    cluster.setImage("sub", "demo:v2");
    String v2 = cluster.awaitStep("sub", 1, "Paused").getStatus().updatedRevision;

    assertThat(weights(http(virtualService("sub"), "primary")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("stable", 50, "canary", 50));
    assertThat(subsets("sub")).containsExactlyInAnyOrderEntriesOf(
        Map.of("stable", v1, "canary", v2));

    promote("sub");
    cluster.await("sub", "done", r -> "Healthy".equals(r.getStatus().phase)
        && weights(http(virtualService("sub"), "primary")).get("canary") == 0);
    assertThat(subsets("sub")).containsExactlyInAnyOrderEntriesOf(
        Map.of("stable", v2, "canary", v2));
  }

  /** A DestinationRule for host {@code name} with subsets stable and canary. */
  private void createDestinationRule(String name) {
    cluster.client.resources(DestinationRule.class).inNamespace(Cluster.NS).resource(
        new DestinationRuleBuilder()
            .withNewMetadata().withName(name).withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().withHost(name)
            .addNewSubset().withName("stable").addToLabels("app", name).endSubset()
            .addNewSubset().withName("canary").addToLabels("app", name).endSubset()
            .endSpec().build()).create();
  }

  private Map<String, String> subsets(String name) {
    return cluster.client.resources(DestinationRule.class).inNamespace(Cluster.NS)
        .withName(name).get().getSpec().getSubsets().stream().collect(Collectors.toMap(
            s -> s.getName(), s -> s.getLabels().get("rollouts-pod-template-hash")));
  }

  @Test
  void aVirtualServiceWithoutTheStableRouteIsAnInvalidSpec() {
    createVirtualService("nostable", "somewhere-else", null);
    cluster.create(Routes.routed(cluster, "nostable", istio("nostable", null), weight(10)));

    assertThat(cluster.awaitPhase("nostable", "Degraded").getStatus().message).contains(
        "VirtualService \"nostable\" has no HTTP route to the stable Service \"nostable-stable\"");
  }

  /** A VirtualService of a TCP service: ports 5432 and 9000 to {@code host}. */
  private VirtualService createTcpVirtualService(String name, String host, String subset) {
    return cluster.client.resources(VirtualService.class).inNamespace(Cluster.NS).resource(
        new VirtualServiceBuilder()
            .withNewMetadata().withName(name).withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().withHosts(name).withGateways("mesh")
            .addNewTcp().addNewMatch().withPort(5432L).endMatch()
            .addNewRoute().withNewDestination().withHost(host).withSubset(subset)
            .endDestination().withWeight(100).endRoute()
            .endTcp()
            .addNewTcp().addNewMatch().withPort(9000L).endMatch()
            .addNewRoute().withNewDestination().withHost(host).withSubset(subset)
            .endDestination().withWeight(100).endRoute()
            .endTcp()
            .endSpec().build()).create();
  }

  private static TCPRoute tcp(VirtualService service, long port) {
    return service.getSpec().getTcp().stream()
        .filter(r -> r.getMatch().stream().anyMatch(m -> m.getPort() == port))
        .findFirst().orElseThrow();
  }

  private void promote(String name) {
    cluster.patchStatus(name, "{\"status\":{\"pauseConditions\":null}}");
  }

  @Test
  void aTcpRouteAloneIsWeighedAtEachStepAndEndsOnStable() {
    VirtualService original = createTcpVirtualService("db", "db-stable", null);
    cluster.create(Routes.routed(cluster, "db", tcpOnly("db", null, 5432), weight(20),
        pause(null), weight(60), pause(null)));
    cluster.awaitPhase("db", "Healthy");

    cluster.setImage("db", "demo:v2");
    assertThat(cluster.awaitStep("db", 1, "Paused").getStatus().canary.weight).isEqualTo(20);
    assertThat(weights(tcp(virtualService("db"), 5432))).containsExactlyInAnyOrderEntriesOf(
        Map.of("db-stable", 80, "db-canary", 20));

    promote("db");
    assertThat(cluster.awaitStep("db", 3, "Paused").getStatus().canary.weight).isEqualTo(60);
    VirtualService during = virtualService("db");
    assertThat(weights(tcp(during, 5432))).containsExactlyInAnyOrderEntriesOf(
        Map.of("db-stable", 40, "db-canary", 60));
    assertThat(tcp(during, 9000)).as("a TCP route on another port is not Ramp's")
        .usingRecursiveComparison().isEqualTo(tcp(original, 9000));
    assertThat(during.getSpec().getHttp()).isEmpty();

    promote("db");
    cluster.await("db", "weight back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && weights(tcp(virtualService("db"), 5432)).get("db-canary") == 0);
    assertThat(weights(tcp(virtualService("db"), 5432))).containsExactlyInAnyOrderEntriesOf(
        Map.of("db-stable", 100, "db-canary", 0));
    assertThat(cluster.rollout("db").getStatus().canary.weight).isZero();
  }

  @Test
  void aTlsRouteChosenByPortAndSniHostsIsWeighedWithTheHttpRoute() {
    cluster.client.resources(VirtualService.class).inNamespace(Cluster.NS).resource(
        new VirtualServiceBuilder()
            .withNewMetadata().withName("tl").withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().withHosts("a.example.com", "b.example.com")
            .addNewHttp().withName("primary")
            .addNewRoute().withNewDestination().withHost("tl-stable").endDestination()
            .withWeight(100).endRoute()
            .endHttp()
            .addNewTl().addNewMatch().withPort(443L).withSniHosts("b.example.com").endMatch()
            .addNewRoute().withNewDestination().withHost("tl-stable").endDestination()
            .withWeight(100).endRoute()
            .endTl()
            .addNewTl().addNewMatch().withPort(443L).withSniHosts("a.example.com").endMatch()
            .addNewRoute().withNewDestination().withHost("tl-stable").endDestination()
            .withWeight(100).endRoute()
            .endTl()
            .endSpec().build()).create();
    TrafficRouting routing = istio("tl", null);
    routing.istio.virtualService.tlsRoutes = List.of(tls(443, "a.example.com"));
    cluster.create(Routes.routed(cluster, "tl", routing, weight(30), pause(null)));
    cluster.awaitPhase("tl", "Healthy");

    cluster.setImage("tl", "demo:v2");
    assertThat(cluster.awaitStep("tl", 1, "Paused").getStatus().canary.weight).isEqualTo(30);
    VirtualService during = virtualService("tl");
    assertThat(weights(during.getSpec().getTls().get(1))).containsExactlyInAnyOrderEntriesOf(
        Map.of("tl-stable", 70, "tl-canary", 30));
    assertThat(weights(http(during, "primary"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("tl-stable", 70, "tl-canary", 30));
    assertThat(weights(during.getSpec().getTls().get(0))).as("another SNI host: not chosen")
        .containsExactlyInAnyOrderEntriesOf(Map.of("tl-stable", 100));

    promote("tl");
    cluster.await("tl", "weight back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && weights(virtualService("tl").getSpec().getTls().get(1)).get("tl-canary") == 0);
    assertThat(weights(virtualService("tl").getSpec().getTls().get(1)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("tl-stable", 100, "tl-canary", 0));
    assertThat(weights(http(virtualService("tl"), "primary")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("tl-stable", 100, "tl-canary", 0));
  }

  @Test
  void aSubsetBasedTcpRoutePinsTheSubsetsToTheRevisions() {
    createTcpVirtualService("sdb", "sdb", "stable");
    createDestinationRule("sdb");
    cluster.create(Routes.routed(cluster, "sdb", tcpOnly("sdb", "sdb", 5432), weight(50),
        pause(null)));
    String v1 = cluster.awaitPhase("sdb", "Healthy").getStatus().stableRevision;

    cluster.setImage("sdb", "demo:v2");
    String v2 = cluster.awaitStep("sdb", 1, "Paused").getStatus().updatedRevision;
    assertThat(weights(tcp(virtualService("sdb"), 5432))).containsExactlyInAnyOrderEntriesOf(
        Map.of("stable", 50, "canary", 50));
    assertThat(subsets("sdb")).containsExactlyInAnyOrderEntriesOf(
        Map.of("stable", v1, "canary", v2));

    promote("sdb");
    cluster.await("sdb", "done", r -> "Healthy".equals(r.getStatus().phase)
        && weights(tcp(virtualService("sdb"), 5432)).get("canary") == 0);
    assertThat(subsets("sdb")).containsExactlyInAnyOrderEntriesOf(
        Map.of("stable", v2, "canary", v2));
  }

  @Test
  void aTcpPortWithoutARouteIsAnInvalidSpecNamingThePort() {
    createTcpVirtualService("noport", "noport-stable", null);
    cluster.create(Routes.routed(cluster, "noport", tcpOnly("noport", null, 3306), weight(10)));

    Rollout rollout = cluster.awaitPhase("noport", "Degraded");
    assertThat(rollout.getStatus().message).contains(
        "VirtualService \"noport\" has no TCP route for port 3306");
    assertThat(rollout.getStatus().conditions).anySatisfy(c -> {
      assertThat(c.type).isEqualTo("InvalidSpec");
      assertThat(c.message).contains("no TCP route for port 3306");
    });
  }

  @Test
  void aTlsRouteNotToTheStableServiceIsAnInvalidSpecNamingPortAndHosts() {
    createTcpVirtualService("tlsnostable", "tlsnostable-stable", null);
    cluster.client.resources(VirtualService.class).inNamespace(Cluster.NS)
        .withName("tlsnostable").edit(vs -> new VirtualServiceBuilder(vs)
        .editSpec().addNewTl().addNewMatch().withPort(443L).withSniHosts("a.example.com")
        .endMatch().addNewRoute().withNewDestination().withHost("somewhere-else")
        .endDestination().endRoute().endTl().endSpec().build());
    TrafficRouting routing = istio("tlsnostable", null);
    routing.istio.virtualService.routes = null;
    routing.istio.virtualService.tlsRoutes = List.of(tls(443, "a.example.com"));
    cluster.create(Routes.routed(cluster, "tlsnostable", routing, weight(10)));

    assertThat(cluster.awaitPhase("tlsnostable", "Degraded").getStatus().message).contains(
        "VirtualService \"tlsnostable\" has no TLS route for port 443 and SNI hosts"
            + " [a.example.com] to the stable Service \"tlsnostable-stable\"");
  }

  @Test
  void aVirtualServiceWithOnlyTlsRoutesIsWeighedWhenRoutesNamesNoHttpRoute() {
    cluster.client.resources(VirtualService.class).inNamespace(Cluster.NS).resource(
        new VirtualServiceBuilder()
            .withNewMetadata().withName("tlsonly").withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().withHosts("tlsonly.example.com").withGateways("mesh")
            .addNewTl().addNewMatch().withPort(443L).withSniHosts("tlsonly.example.com")
            .endMatch().addNewRoute().withNewDestination().withHost("tlsonly-stable")
            .endDestination().endRoute().endTl()
            .endSpec().build()).create();
    // as Argo Rollouts reads it: routes names HTTP routes, and this VirtualService has none
    cluster.create(Routes.routed(cluster, "tlsonly", istio("tlsonly", null), weight(30),
        pause(null)));
    cluster.awaitPhase("tlsonly", "Healthy");

    cluster.setImage("tlsonly", "demo:v2");
    assertThat(cluster.awaitStep("tlsonly", 1, "Paused").getStatus().canary.weight)
        .isEqualTo(30);
    assertThat(weights(virtualService("tlsonly").getSpec().getTls().get(0)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("tlsonly-stable", 70, "tlsonly-canary", 30));

    promote("tlsonly");
    cluster.await("tlsonly", "done", r -> "Healthy".equals(r.getStatus().phase)
        && weights(virtualService("tlsonly").getSpec().getTls().get(0)).get("tlsonly-canary")
        == 0);
    assertThat(virtualService("tlsonly").getSpec().getHttp()).isEmpty();
  }

  @Test
  void everyTcpRouteToTheStableServiceIsWeighedWhenNoneIsChosen() {
    createTcpVirtualService("tcpall", "tcpall-stable", null);
    cluster.create(Routes.routed(cluster, "tcpall", istio("tcpall", null), weight(50),
        pause(null)));
    cluster.awaitPhase("tcpall", "Healthy");

    cluster.setImage("tcpall", "demo:v2");
    cluster.awaitStep("tcpall", 1, "Paused");
    for (long port : List.of(5432L, 9000L)) {
      assertThat(weights(tcp(virtualService("tcpall"), port))).as("port %d", port)
          .containsExactlyInAnyOrderEntriesOf(Map.of("tcpall-stable", 50, "tcpall-canary", 50));
    }
  }

  @Test
  void aMirrorRouteWithoutAMatchLeavesSomeoneElsesMirrorAloneAndSaysWhy() {
    createVirtualService("mirrored", "mirrored-stable", null);
    cluster.client.resources(VirtualService.class).inNamespace(Cluster.NS)
        .withName("mirrored").edit(vs -> new VirtualServiceBuilder(vs).editSpec()
            .editFirstHttp().withNewMirror().withHost("audit").endMirror().endHttp()
            .endSpec().build());
    cluster.create(Routes.routed(cluster, "mirrored", istio("mirrored", null), weight(10),
        Routes.mirror("shadow", 10), pause(null)));
    cluster.awaitPhase("mirrored", "Healthy");

    cluster.setImage("mirrored", "demo:v2");

    assertThat(cluster.awaitPhase("mirrored", "Degraded").getStatus().message).contains(
        "VirtualService \"mirrored\": HTTP route \"primary\" already mirrors to audit");
    assertThat(http(virtualService("mirrored"), "primary").getMirror().getHost())
        .isEqualTo("audit");
  }

  @Test
  void headerAndMirrorRoutesWithOnlyTcpRoutesAreAnInvalidSpec() {
    createTcpVirtualService("tcphdr", "tcphdr-stable", null);
    cluster.create(Routes.routed(cluster, "tcphdr", tcpOnly("tcphdr", null, 5432), weight(10),
        Routes.header("beta", "x-beta", "1"), Routes.mirror("shadow", 10)));

    String message = cluster.awaitPhase("tcphdr", "Degraded").getStatus().message;
    assertThat(message).contains("spec.strategy.canary.steps[1]: Istio (TCP/TLS routes only)"
        + " cannot route by header (setHeaderRoute): header and mirror routes are HTTP routes;"
        + " name the HTTP routes to weigh in trafficRouting.istio.virtualService.routes");
    assertThat(message).contains("spec.strategy.canary.steps[2]: Istio (TCP/TLS routes only)"
        + " cannot mirror traffic (setMirrorRoute)");
    assertThat(virtualService("tcphdr").getSpec().getHttp()).as("nothing added").isEmpty();
  }
}
