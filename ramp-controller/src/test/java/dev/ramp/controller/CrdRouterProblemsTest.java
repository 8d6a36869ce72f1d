package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.AmbassadorRouting;
import dev.ramp.api.routing.ContourRouting;
import dev.ramp.api.routing.TraefikRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Traefik, Contour and Emissary-ingress where their CRDs or the objects a rollout names are
 * missing: a clear InvalidSpec, then recovery.
 */
class CrdRouterProblemsTest extends ClusterTest {

  /** A rollout whose router edits an object "nowhere" of a kind, and the messages it gets. */
  private record Routed(String rollout, TrafficRouting routing, RouterKind kind, String noCrd,
      String noObject, Function<String, String> object) {}

  private static final List<Routed> ROUTED = List.of(
      new Routed("lostraefik", traefik(), RouterKind.TRAEFIK_SERVICE,
          "Traefik CRDs are not installed (traefikservices.traefik.io)",
          "TraefikService \"nowhere\" does not exist in namespace default", stable -> """
              apiVersion: traefik.io/v1alpha1
              kind: TraefikService
              metadata: {name: nowhere}
              spec: {weighted: {services: [{name: %s, port: 80}]}}
              """.formatted(stable)),
      new Routed("lostcontour", contour(), RouterKind.HTTP_PROXY,
          "Contour CRDs are not installed (httpproxies.projectcontour.io)",
          "HTTPProxy \"nowhere\" does not exist in namespace default", stable -> """
              apiVersion: projectcontour.io/v1
              kind: HTTPProxy
              metadata: {name: nowhere}
              spec: {routes: [{services: [{name: %s, port: 80}]}]}
              """.formatted(stable)),
      new Routed("lostmapping", ambassador(), RouterKind.MAPPING,
          "Emissary-ingress (Ambassador) CRDs are not installed (mappings.getambassador.io)",
          "Mapping \"nowhere\" does not exist in namespace default", stable -> """
              apiVersion: getambassador.io/v3alpha1
              kind: Mapping
              metadata: {name: nowhere}
              spec: {hostname: "*", prefix: /, service: %s}
              """.formatted(stable)));

  /**
   * Each router at once (Ramp checks again every 10 seconds): InvalidSpec while the kind's CRD
   * is missing, then while the object is, and Healthy once both exist.
   */
  @Test
  void missingCrdThenMissingObjectThenBoth() {
    for (Routed routed : ROUTED) {
      cluster.create(Routes.routed(cluster, routed.rollout(), routed.routing(), weight(10)));
    }

    for (Routed routed : ROUTED) {
      Rollout withoutCrd = cluster.awaitPhase(routed.rollout(), "Degraded");
      assertThat(withoutCrd.getStatus().message).contains(routed.noCrd());
      assertInvalidSpecEvent(routed.rollout(), routed.noCrd());
      RouterFixtures.installCrds(cluster.client, routed.kind());
    }

    for (Routed routed : ROUTED) {
      cluster.await(routed.rollout(), "object missing",
          r -> r.getStatus().message.contains(routed.noObject()));
      assertInvalidSpecEvent(routed.rollout(), routed.noObject());
      RouterFixtures.create(cluster.client,
          routed.object().apply(routed.rollout() + "-stable"));
    }

    for (Routed routed : ROUTED) {
      cluster.awaitPhase(routed.rollout(), "Healthy");
    }
  }

  private void assertInvalidSpecEvent(String rollout, String message) {
    cluster.eventually(() -> assertThat(cluster.events(rollout)).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains(message);
    }));
  }

  private static TrafficRouting traefik() {
    TrafficRouting routing = new TrafficRouting();
    routing.traefik = new TraefikRouting();
    routing.traefik.weightedTraefikServiceName = "nowhere";
    return routing;
  }

  private static TrafficRouting contour() {
    TrafficRouting routing = new TrafficRouting();
    routing.contour = new ContourRouting();
    routing.contour.httpProxies = List.of("nowhere");
    return routing;
  }

  private static TrafficRouting ambassador() {
    TrafficRouting routing = new TrafficRouting();
    routing.ambassador = new AmbassadorRouting();
    routing.ambassador.mappings = List.of("nowhere");
    return routing;
  }
}
