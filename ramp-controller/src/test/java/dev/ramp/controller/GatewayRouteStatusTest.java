package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.engine.RouterYaml;
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
    RouterFixtures.create(cluster.client, RouterYaml.sharedGateway("shared"));
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
    HeldStep.awaitRefusal(cluster, "rejected", "waiting on the gateway", rejection);

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

  /** As Linkerd writes it: the parent is the Service clients call, in group "core", by port. */
  @Test
  void aLinkerdRouteWhoseParentIsTheServiceRunsARollout() {
    runsAMeshRollout("linkerd", "{group: core, kind: Service, name: linkerd, port: 80}");
  }

  /** As Kuma writes it: the parent is the Service, in the core group "", in its namespace. */
  @Test
  void aKumaRouteWhoseParentIsTheServiceRunsARollout() {
    runsAMeshRollout("kuma",
        "{group: \"\", kind: Service, name: kuma, namespace: default}");
  }

  /**
   * A whole rollout through an HTTPRoute whose parent is the app's Service, with no Gateway:
   * the simulated mesh accepts it because the Service exists.
   */
  private void runsAMeshRollout(String name, String parentRef) {
    cluster.createService(name, name);
    RouterFixtures.create(cluster.client, """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: %1$s, namespace: default}
        spec:
          parentRefs: [%2$s]
          rules:
            - backendRefs:
                - {name: %1$s-stable, port: 80}
                - {name: %1$s-canary, port: 80, weight: 0}
        """.formatted(name, parentRef));
    cluster.create(Routes.routed(cluster, name, RouterFixtures.gatewayApi(name),
        weight(30), pause(null)));
    cluster.awaitPhase(name, "Healthy");

    cluster.setImage(name, "demo:v2");
    cluster.awaitStep(name, 1, "Paused");
    assertThat(backendWeights(name)).containsExactly(70, 30);
    assertThat(parentAccepted(name)).isTrue();

    cluster.patchStatus(name, "{\"status\":{\"pauseConditions\":null}}");
    cluster.await(name, "v2 promoted, weight back on stable", r ->
        "Healthy".equals(r.getStatus().phase)
            && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision)
            && backendWeights(name).equals(List.of(100, 0)));
  }

  /** True when the route's one parent reports it accepted. */
  private boolean parentAccepted(String route) {
    List<Map<String, Object>> conditions = cluster.client.genericKubernetesResources(
        RouterKind.HTTP_ROUTE.apiVersion(), "HTTPRoute").inNamespace(Cluster.NS).withName(route)
        .get().get("status", "parents", 0, "conditions");
    return conditions.stream().anyMatch(c -> "Accepted".equals(c.get("type"))
        && "True".equals(c.get("status")));
  }
}
