package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Baseline;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fresh baseline through the real operator: its ReplicaSet created with the canary, the
 * HTTPRoute weighted over three backends, and both gone after the promotion.
 */
class FreshBaselineRoutingTest extends ClusterTest {

  @BeforeAll
  void installGatewayApi() {
    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
  }

  private HTTPRoute route(String name) {
    return cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).withName(name).get();
  }

  private Map<String, Integer> weights(String name) {
    return route(name).getSpec().getRules().get(0).getBackendRefs().stream().collect(
        Collectors.toMap(HTTPBackendRef::getName,
            ref -> ref.getWeight() == null ? 1 : ref.getWeight()));
  }

  @Test
  void theBaselineRunsBesideTheCanaryWithItsShareAndGoesAtThePromotion() {
    cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder().withNewMetadata().withName("fresh").withNamespace(Cluster.NS)
            .endMetadata()
            .withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule().addNewBackendRef().withName("fresh-stable").withPort(80)
            .endBackendRef().endRule()
            .endSpec().build()).create();
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = "fresh";
    Rollout manifest = Routes.routed(cluster, "fresh", routing, weight(25), pause(null));
    manifest.getSpec().strategy.canary.baseline = new Baseline();
    manifest.getSpec().strategy.canary.baseline.matchCanary = true;
    manifest.getSpec().strategy.canary.baselineService = "fresh-baseline";
    cluster.createService("fresh-baseline", "fresh");
    cluster.create(manifest);
    String v1 = cluster.awaitPhase("fresh", "Healthy").getStatus().stableRevision;

    cluster.setImage("fresh", "demo:v2");
    Rollout paused = cluster.awaitStep("fresh", 1, "Paused");

    String baseline = paused.getStatus().canary.baselineRevision;
    assertThat(baseline).isNotNull().isNotEqualTo(v1)
        .isNotEqualTo(paused.getStatus().updatedRevision);
    ReplicaSet rs = cluster.replicaSet("fresh", baseline);
    assertThat(rs.getSpec().getReplicas()).isEqualTo(1);
    assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("demo:v1");
    assertThat(rs.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(RampLabels.ROLE, RampLabels.BASELINE);
    assertThat(cluster.client.services().inNamespace(Cluster.NS).withName("fresh-baseline").get()
        .getSpec().getSelector()).containsEntry(RampLabels.POD_TEMPLATE_HASH, baseline);
    assertThat(weights("fresh")).containsExactlyInAnyOrderEntriesOf(
        Map.of("fresh-stable", 50, "fresh-canary", 25, "fresh-baseline", 25));

    cluster.patchStatus("fresh", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("fresh", "promoted, baseline gone", r -> "Healthy".equals(r.getStatus().phase)
        && cluster.replicas("fresh", baseline) == 0 && !weights("fresh").containsKey(
            "fresh-baseline"));
    assertThat(cluster.rollout("fresh").getStatus().canary.baselineRevision).isNull();
  }
}
