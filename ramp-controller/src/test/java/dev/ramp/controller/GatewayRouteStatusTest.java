package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gateway API routes through the real operator, with the workload simulator playing the gateway
 * implementation: a step counts once the route's parents accept it, and a rejection is shown.
 */
class GatewayRouteStatusTest extends ClusterTest {
  private static final RouterKind GATEWAY = new RouterKind("gateway.networking.k8s.io",
      "Gateway", "gateways", List.of("v1"));

  @BeforeAll
  void installGatewayApi() {
    RouterFixtures.installCrds(cluster.client, RouterKind.HTTP_ROUTE, GATEWAY);
  }

  @Test
  void aStepWaitsWhileTheGatewayRejectsTheRouteAndGoesOnOnceItIsAllowed() {
    RouterFixtures.create(cluster.client, """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: shared, namespace: default}
        spec:
          gatewayClassName: example
          listeners:
            - name: http
              protocol: HTTP
              port: 80
              allowedRoutes:
                namespaces:
                  from: Selector
                  selector: {matchLabels: {shared-gateway-access: "true"}}
        """);
    RouterFixtures.create(cluster.client, """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: rejected, namespace: default}
        spec:
          parentRefs: [{name: shared}]
          rules:
            - backendRefs: [{name: rejected-stable, port: 80}]
        """);
    cluster.create(Routes.routed(cluster, "rejected", RouterFixtures.gatewayApi("rejected"),
        weight(25), pause(null)));
    cluster.awaitPhase("rejected", "Healthy");

    cluster.setImage("rejected", "demo:v2");

    String rejection = "HTTPRoute \"rejected\" is not accepted by Gateway \"shared\": no listener"
        + " of Gateway \"shared\" allows routes from namespace \"default\"";
    cluster.await("rejected", "waiting on the gateway", r ->
        r.getStatus().message != null && r.getStatus().message.endsWith("; " + rejection));
    cluster.eventually(() -> assertThat(cluster.events("rejected"))
        .filteredOn(e -> "Warning".equals(e.getType())).extracting(Event::getMessage)
        .containsExactly(rejection));
    assertThat(cluster.rollout("rejected").getStatus().currentStepIndex).isZero();

    cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName(Cluster.NS).addToLabels("shared-gateway-access", "true").endMetadata()
        .build()).createOr(existing -> existing.edit(ns -> new NamespaceBuilder(ns)
            .editMetadata().addToLabels("shared-gateway-access", "true").endMetadata().build()));

    cluster.awaitStep("rejected", 1, "Paused");
  }

  /** The weights of the backendRefs of the route's first rule, in order. */
  private List<Integer> backendWeights(String route) {
    List<Map<String, Object>> refs = cluster.client.genericKubernetesResources(
        RouterKind.HTTP_ROUTE.apiVersion(), "HTTPRoute").inNamespace(Cluster.NS).withName(route)
        .get().get("spec", "rules", 0, "backendRefs");
    return refs.stream().map(ref -> ((Number) ref.get("weight")).intValue()).toList();
  }

  /** As Linkerd and Kuma route inside the mesh: the HTTPRoute's parent is the app's Service. */
  @Test
  void aMeshRouteWhoseParentIsTheServiceRunsARollout() {
    cluster.createService("mesh", "mesh");
    RouterFixtures.create(cluster.client, """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: mesh, namespace: default}
        spec:
          parentRefs:
            - {group: core, kind: Service, name: mesh, port: 80}
          rules:
            - backendRefs:
                - {name: mesh-stable, port: 80}
                - {name: mesh-canary, port: 80, weight: 0}
        """);
    cluster.create(Routes.routed(cluster, "mesh", RouterFixtures.gatewayApi("mesh"),
        weight(30), pause(null)));
    cluster.awaitPhase("mesh", "Healthy");

    cluster.setImage("mesh", "demo:v2");
    cluster.awaitStep("mesh", 1, "Paused");
    assertThat(backendWeights("mesh")).containsExactly(70, 30);

    cluster.patchStatus("mesh", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("mesh", "v2 promoted, weight back on stable", r ->
        "Healthy".equals(r.getStatus().phase)
            && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision)
            && backendWeights("mesh").equals(List.of(100, 0)));
  }
}
