package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.controller.routing.RouterKind;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1beta1.DestinationRule;
import io.fabric8.istio.api.networking.v1beta1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1beta1.VirtualService;
import io.fabric8.istio.api.networking.v1beta1.VirtualServiceBuilder;
import java.util.List;
import java.util.Map;
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

  /** Weights by destination host (or subset, when it has one). */
  private static Map<String, Integer> weights(HTTPRoute route) {
    return route.getRoute().stream().collect(Collectors.toMap(
        d -> d.getDestination().getSubset() != null ? d.getDestination().getSubset()
            : d.getDestination().getHost(),
        d -> d.getWeight() == null ? 0 : d.getWeight()));
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

    cluster.patchStatus("is", "{\"status\":{\"pauseConditions\":null}}");
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
    cluster.client.resources(DestinationRule.class).inNamespace(Cluster.NS).resource(
        new DestinationRuleBuilder()
            .withNewMetadata().withName("sub").withNamespace(Cluster.NS).endMetadata()
            .withNewSpec().withHost("sub")
            .addNewSubset().withName("stable").addToLabels("app", "sub").endSubset()
            .addNewSubset().withName("canary").addToLabels("app", "sub").endSubset()
            .endSpec().build()).create();
    cluster.create(Routes.routed(cluster, "sub", istio("sub", "sub"), weight(50), pause(null)));
    String v1 = cluster.awaitPhase("sub", "Healthy").getStatus().stableRevision;

    cluster.setImage("sub", "demo:v2");
    String v2 = cluster.awaitStep("sub", 1, "Paused").getStatus().updatedRevision;

    assertThat(weights(http(virtualService("sub"), "primary")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("stable", 50, "canary", 50));
    assertThat(subsets("sub")).containsExactlyInAnyOrderEntriesOf(
        Map.of("stable", v1, "canary", v2));

    cluster.patchStatus("sub", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("sub", "done", r -> "Healthy".equals(r.getStatus().phase)
        && weights(http(virtualService("sub"), "primary")).get("canary") == 0);
    assertThat(subsets("sub")).containsExactlyInAnyOrderEntriesOf(
        Map.of("stable", v2, "canary", v2));
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

}
