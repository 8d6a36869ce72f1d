package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A router whose CRDs or objects are missing: a clear InvalidSpec, then recovery. */
class RouterProblemsTest extends ClusterTest {

  /** A rollout routed by a Gateway API route "nowhere" of a kind. */
  private record Routed(String rollout, Consumer<GatewayApiRouting> route, RouterKind kind,
      String noCrd) {
    String noRoute() {
      return kind.kind() + " \"nowhere\" does not exist in namespace default";
    }
  }

  private static final List<Routed> ROUTED = List.of(
      new Routed("lost", g -> g.httpRoute = "nowhere", RouterKind.HTTP_ROUTE,
          "Gateway API CRDs are not installed (httproutes.gateway.networking.k8s.io)"),
      new Routed("lostgrpc", g -> g.grpcRoute = "nowhere", RouterKind.GRPC_ROUTE,
          "Gateway API CRDs are not installed (grpcroutes.gateway.networking.k8s.io)"),
      new Routed("losttcp", g -> g.tcpRoute = "nowhere", RouterKind.TCP_ROUTE,
          "Gateway API (experimental channel) CRDs are not installed"
              + " (tcproutes.gateway.networking.k8s.io)"));

  /**
   * Each kind of route at once (Ramp checks again every 10 seconds): InvalidSpec while the kind's
   * CRD is missing, then while the route is, and Healthy once both exist.
   */
  @Test
  void missingCrdThenMissingRouteThenBoth() {
    for (Routed routed : ROUTED) {
      TrafficRouting routing = new TrafficRouting();
      routing.gatewayAPI = new GatewayApiRouting();
      routed.route().accept(routing.gatewayAPI);
      cluster.create(Routes.routed(cluster, routed.rollout(), routing, weight(10)));
    }

    for (Routed routed : ROUTED) {
      Rollout withoutCrd = cluster.awaitPhase(routed.rollout(), "Degraded");
      assertThat(withoutCrd.getStatus().message).contains(routed.noCrd());
      assertInvalidSpecEvent(routed.rollout(), routed.noCrd());
      cluster.client.apiextensions().v1().customResourceDefinitions()
          .resource(routed.kind().minimalCrd()).create();
    }

    for (Routed routed : ROUTED) {
      cluster.await(routed.rollout(), "route missing",
          r -> r.getStatus().message.contains(routed.noRoute()));
      assertInvalidSpecEvent(routed.rollout(), routed.noRoute());
      createRoute(routed.kind(), routed.rollout() + "-stable");
    }

    for (Routed routed : ROUTED) {
      cluster.awaitPhase(routed.rollout(), "Healthy");
    }
  }

  /** A rollout routed by another router's object "nowhere", and that object once it exists. */
  private record Elsewhere(String rollout, TrafficRouting routing, RouterKind kind,
      String noCrd, String object) {
    String noObject() {
      return kind.kind() + " \"nowhere\" does not exist in namespace default";
    }
  }

  /** APISIX and Gloo Edge at once: InvalidSpec while the CRD is missing, then the object. */
  @Test
  void apisixAndGlooCrdMissingThenObjectMissingThenBoth() {
    TrafficRouting apisix = RouterFixtures.apisix();
    apisix.apisix.route.name = "nowhere";
    TrafficRouting gloo = RouterFixtures.gloo();
    gloo.gloo.routeTable = "nowhere";
    List<Elsewhere> routed = List.of(
        new Elsewhere("lostapisix", apisix, RouterKind.APISIX_ROUTE,
            "Apache APISIX CRDs are not installed (apisixroutes.apisix.apache.org)",
            RouterFixtures.APISIX_ROUTE.replace("web", "nowhere")
                .replace("nowhere-stable", "lostapisix-stable")),
        new Elsewhere("lostgloo", gloo, RouterKind.GLOO_ROUTE_TABLE,
            "Gloo Edge CRDs are not installed (routetables.gateway.solo.io)",
            RouterFixtures.GLOO_ROUTE_TABLE.replace("name: web", "name: nowhere")
                .replace("default-web-stable-80", "default-lostgloo-stable-80")));
    for (Elsewhere r : routed) {
      cluster.create(Routes.routed(cluster, r.rollout(), r.routing(), weight(10)));
    }

    for (Elsewhere r : routed) {
      assertThat(cluster.awaitPhase(r.rollout(), "Degraded").getStatus().message)
          .contains(r.noCrd());
      assertInvalidSpecEvent(r.rollout(), r.noCrd());
      RouterFixtures.installCrds(cluster.client, r.kind());
    }

    for (Elsewhere r : routed) {
      cluster.await(r.rollout(), "object missing",
          rollout -> rollout.getStatus().message.contains(r.noObject()));
      assertInvalidSpecEvent(r.rollout(), r.noObject());
      RouterFixtures.create(cluster.client, r.object());
    }

    for (Elsewhere r : routed) {
      cluster.awaitPhase(r.rollout(), "Healthy");
    }
  }

  private void assertInvalidSpecEvent(String rollout, String message) {
    cluster.eventually(() -> assertThat(cluster.events(rollout)).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains(message);
    }));
  }

  /** The route "nowhere" of the kind, with one rule sending everything to the stable Service. */
  private void createRoute(RouterKind kind, String stableService) {
    GenericKubernetesResource nowhere = new GenericKubernetesResourceBuilder()
        .withApiVersion(kind.apiVersion()).withKind(kind.kind())
        .withNewMetadata().withName("nowhere").withNamespace(Cluster.NS).endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("rules", List.of(Map.of("backendRefs",
            List.of(Map.of("name", stableService, "port", 80)))))))
        .build();
    cluster.client.genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inNamespace(Cluster.NS).resource(nowhere).create();
  }
}
