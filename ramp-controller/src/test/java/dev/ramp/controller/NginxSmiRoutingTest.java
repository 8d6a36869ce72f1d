package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.routing.NginxRouting;
import dev.ramp.api.routing.SmiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NGINX Ingress (a managed canary Ingress) and SMI (a managed TrafficSplit). */
class NginxSmiRoutingTest extends ClusterTest {
  private static final String PREFIX = "nginx.ingress.kubernetes.io/";

  @BeforeAll
  void installSmi() {
    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.TRAFFIC_SPLIT.minimalCrd()).create();
  }

  private Ingress ingress(String name) {
    return cluster.client.network().v1().ingresses().inNamespace(Cluster.NS).withName(name).get();
  }

  @Test
  void nginxClonesTheStableIngressIntoAWeightedCanaryIngress() {
    Ingress stable = cluster.client.network().v1().ingresses().resource(new IngressBuilder()
        .withNewMetadata().withName("web").withNamespace(Cluster.NS)
        .addToAnnotations("kubernetes.io/ingress.class", "nginx").endMetadata()
        .withNewSpec().addNewRule().withHost("shop.example.com").withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
        .withName("ng-stable").withNewPort().withNumber(80).endPort().endService()
        .endBackend().endPath().endHttp().endRule().endSpec().build()).create();
    TrafficRouting routing = new TrafficRouting();
    routing.nginx = new NginxRouting();
    routing.nginx.stableIngress = "web";
    cluster.create(Routes.routed(cluster, "ng", routing, weight(20),
        Routes.header("beta", "x-beta", "1"), pause(null)));
    cluster.awaitPhase("ng", "Healthy");

    cluster.setImage("ng", "demo:v2");
    cluster.awaitStep("ng", 2, "Paused");

    Ingress canary = ingress("ng-web-canary");
    assertThat(canary.getMetadata().getAnnotations()).containsEntry(PREFIX + "canary", "true")
        .containsEntry(PREFIX + "canary-weight", "20")
        .containsEntry(PREFIX + "canary-by-header", "x-beta")
        .containsEntry(PREFIX + "canary-by-header-value", "1")
        .containsEntry("kubernetes.io/ingress.class", "nginx");
    assertThat(canary.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("ng"));
    assertThat(canary.getSpec().getRules().get(0).getHost()).isEqualTo("shop.example.com");
    assertThat(canary.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend()
        .getService().getName()).isEqualTo("ng-canary");
    assertThat(ingress("web")).usingRecursiveComparison().isEqualTo(stable);

    cluster.patchStatus("ng", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("ng", "back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && "0".equals(ingress("ng-web-canary").getMetadata().getAnnotations()
            .get(PREFIX + "canary-weight")));
    assertThat(ingress("ng-web-canary").getMetadata().getAnnotations())
        .doesNotContainKey(PREFIX + "canary-by-header");
    assertThat(ingress("web")).usingRecursiveComparison().isEqualTo(stable);
  }

  @Test
  void nginxCannotMirrorAndSaysSo() {
    TrafficRouting routing = new TrafficRouting();
    routing.nginx = new NginxRouting();
    routing.nginx.stableIngress = "web";
    cluster.create(Routes.routed(cluster, "ngm", routing, Routes.mirror("shadow", 10)));

    assertThat(cluster.awaitPhase("ngm", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.steps[0]: NGINX Ingress cannot mirror traffic (setMirrorRoute)");
  }

  @Test
  void smiSplitsTheRootServiceWithATrafficSplitOwnedByTheRollout() {
    TrafficRouting routing = new TrafficRouting();
    routing.smi = new SmiRouting();
    routing.smi.rootService = "sm";
    routing.smi.trafficSplitName = "sm-split";
    cluster.create(Routes.routed(cluster, "sm", routing, weight(30), pause(null)));
    cluster.awaitPhase("sm", "Healthy");

    cluster.setImage("sm", "demo:v2");
    cluster.awaitStep("sm", 1, "Paused");

    GenericKubernetesResource split = split();
    assertThat(split.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("sm"));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) split.getAdditionalProperties().get("spec");
    assertThat(spec).containsEntry("service", "sm").containsEntry("backends", List.of(
        Map.of("service", "sm-stable", "weight", 70), Map.of("service", "sm-canary", "weight", 30)));

    cluster.patchStatus("sm", "{\"status\":{\"abort\":true}}");
    cluster.await("sm", "weight 0", r -> "Aborted".equals(r.getStatus().phase)
        && split().getAdditionalProperties().toString().contains("service=sm-canary, weight=0"));
  }

  @Test
  void smiCannotRouteByHeaderAndSaysSo() {
    TrafficRouting routing = new TrafficRouting();
    routing.smi = new SmiRouting();
    routing.smi.rootService = "smh";
    routing.smi.trafficSplitName = "smh";
    cluster.create(Routes.routed(cluster, "smh", routing, Routes.header("b", "x-b", "1")));

    assertThat(cluster.awaitPhase("smh", "Degraded").getStatus().message).contains(
        "SMI cannot route by header (setHeaderRoute)");
  }

  @Test
  void nginxAndSmiTogetherBothFollowEveryWeight() {
    cluster.client.network().v1().ingresses().resource(new IngressBuilder()
        .withNewMetadata().withName("both").withNamespace(Cluster.NS).endMetadata()
        .withNewSpec().addNewRule().withHost("both.example.com").withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
        .withName("both-stable").withNewPort().withNumber(80).endPort().endService()
        .endBackend().endPath().endHttp().endRule().endSpec().build()).create();
    TrafficRouting routing = new TrafficRouting();
    routing.nginx = new NginxRouting();
    routing.nginx.stableIngress = "both";
    routing.smi = new SmiRouting();
    routing.smi.rootService = "both";
    routing.smi.trafficSplitName = "both";
    cluster.create(Routes.routed(cluster, "both", routing, weight(30), pause(null)));
    cluster.awaitPhase("both", "Healthy");

    cluster.setImage("both", "demo:v2");
    cluster.awaitStep("both", 1, "Paused");

    assertThat(ingress("both-both-canary").getMetadata().getAnnotations())
        .containsEntry(PREFIX + "canary-weight", "30");
    assertThat(splitNamed("both").getAdditionalProperties().toString())
        .contains("service=both-canary, weight=30");
    assertThat(cluster.rollout("both").getStatus().canary.weight).isEqualTo(30);

    cluster.patchStatus("both", "{\"status\":{\"abort\":true}}");
    cluster.await("both", "both back on stable", r -> "Aborted".equals(r.getStatus().phase)
        && "0".equals(ingress("both-both-canary").getMetadata().getAnnotations()
            .get(PREFIX + "canary-weight"))
        && splitNamed("both").getAdditionalProperties().toString()
            .contains("service=both-canary, weight=0"));
  }

  private GenericKubernetesResource split() {
    return splitNamed("sm-split");
  }

  private GenericKubernetesResource splitNamed(String name) {
    return cluster.client.genericKubernetesResources(RouterKind.TRAFFIC_SPLIT.apiVersion(),
        "TrafficSplit").inNamespace(Cluster.NS).withName(name).get();
  }
}
