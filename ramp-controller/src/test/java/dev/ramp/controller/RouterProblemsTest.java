package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.controller.routing.RouterKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import org.junit.jupiter.api.Test;

/** A router whose CRDs or objects are missing: a clear InvalidSpec, then recovery. */
class RouterProblemsTest extends ClusterTest {

  @Test
  void missingCrdThenMissingRouteThenBoth() {
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = "nowhere";
    cluster.create(Routes.routed(cluster, "lost", routing, weight(10)));

    Rollout noCrd = cluster.awaitPhase("lost", "Degraded");
    assertThat(noCrd.getStatus().message).contains(
        "Gateway API CRDs are not installed (httproutes.gateway.networking.k8s.io)");
    assertThat(cluster.events("lost")).anySatisfy(e -> assertThat(e.getReason())
        .isEqualTo("InvalidSpec"));

    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
    cluster.await("lost", "route missing", r -> r.getStatus().message.contains(
        "HTTPRoute \"nowhere\" does not exist in namespace default"));

    cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder().withNewMetadata().withName("nowhere").withNamespace(Cluster.NS)
            .endMetadata().withNewSpec().addNewRule().addNewBackendRef()
            .withName("lost-stable").withPort(80).endBackendRef().endRule().endSpec().build())
        .create();
    cluster.awaitPhase("lost", "Healthy");
  }
}
