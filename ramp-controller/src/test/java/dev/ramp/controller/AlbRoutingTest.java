package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.TrafficRouting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * AWS Load Balancer Controller routing through the real operator: Ingresses as its users write
 * them, the weights in the action annotation Argo Rollouts writes, header routes as actions and
 * conditions of their own.
 */
class AlbRoutingTest extends ClusterTest {
  private static final String PREFIX = "alb.ingress.kubernetes.io/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /**
   * An Ingress with an HTTPS redirect action, a path to a static Service, a second host, other
   * annotations and labels, and no optional field it does not need; its {@code /} path goes to
   * the action {@code <root>}.
   */
  private void createIngress(String name, String root) {
    RouterFixtures.create(cluster.client, """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: %s
          labels: {team: shop}
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/actions.ssl-redirect: >-
              {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443",
              "StatusCode": "HTTP_301"}}
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /http
                    pathType: Exact
                    backend: {service: {name: ssl-redirect, port: {name: use-annotation}}}
                  - path: /static
                    pathType: Prefix
                    backend: {service: {name: static, port: {number: 8080}}}
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: %s, port: {name: use-annotation}}}
            - host: admin.example.com
              http:
                paths:
                  - backend: {service: {name: admin, port: {number: 80}}}
                    pathType: ImplementationSpecific
        """.formatted(name, root));
  }

  private static TrafficRouting alb(String... ingresses) {
    TrafficRouting routing = new TrafficRouting();
    routing.alb = new AlbRouting();
    if (ingresses.length == 1) {
      routing.alb.ingress = ingresses[0];
    } else {
      routing.alb.ingresses = List.of(ingresses);
    }
    routing.alb.servicePort = 80;
    return routing;
  }

  private ObjectNode ingress(String name) {
    GenericKubernetesResource ingress = cluster.client
        .genericKubernetesResources("networking.k8s.io/v1", "Ingress").inNamespace(Cluster.NS)
        .withName(name).get();
    return (ObjectNode) SERIALIZATION.convertValue(ingress, JsonNode.class);
  }

  private static JsonNode annotation(ObjectNode ingress, String key) {
    String value = ingress.path("metadata").path("annotations").path(PREFIX + key).asText(null);
    return value == null ? null : json(value);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** The action the AWS Load Balancer Controller reads: stable and canary by weight. */
  private static JsonNode weighted(String rollout, int canaryWeight) {
    return json("""
        {"Type": "forward", "ForwardConfig": {"TargetGroups": [
          {"ServiceName": "%1$s-canary", "ServicePort": "80", "Weight": %2$d},
          {"ServiceName": "%1$s-stable", "ServicePort": "80", "Weight": %3$d}]}}
        """.formatted(rollout, canaryWeight, 100 - canaryWeight));
  }

  private Predicate<Rollout> actionSays(String ingress, String action, JsonNode json) {
    return r -> json.equals(annotation(ingress(ingress), "actions." + action));
  }

  /** The Services (or actions) the paths of a rule go to, in order. */
  private static List<String> paths(ObjectNode ingress, int rule) {
    List<String> services = new ArrayList<>();
    ingress.path("spec").path("rules").path(rule).path("http").path("paths").forEach(path ->
        services.add(path.path("backend").path("service").path("name").asText()));
    return services;
  }

  @Test
  void aReleaseWeighsTheRootActionAndRoutesTheHeaderAheadOfIt() {
    createIngress("al", "al-root");
    ObjectNode original = ingress("al");
    TrafficRouting routing = alb("al");
    routing.alb.rootService = "al-root";
    cluster.create(Routes.routed(cluster, "al", routing, weight(20),
        Routes.header("beta", "x-beta", "1"), pause(null)));
    cluster.await("al", "the first revision, all to stable", r ->
        "Healthy".equals(r.getStatus().phase)
            && actionSays("al", "al-root", weighted("al", 0)).test(r));

    cluster.setImage("al", "demo:v2");
    cluster.awaitStep("al", 2, "Paused");

    ObjectNode paused = ingress("al");
    assertThat(annotation(paused, "actions.al-root")).isEqualTo(weighted("al", 20));
    assertThat(annotation(paused, "conditions.beta")).isEqualTo(json("""
        [{"Field": "http-header",
          "HttpHeaderConfig": {"HttpHeaderName": "x-beta", "Values": ["1"]}}]"""));
    assertThat(annotation(paused, "actions.beta")).isEqualTo(json("""
        {"Type": "forward", "ForwardConfig": {"TargetGroups": [
          {"ServiceName": "al-canary", "ServicePort": "80", "Weight": 100}]}}"""));
    assertThat(paths(paused, 0)).as("the header route's path comes before the root's")
        .containsExactly("ssl-redirect", "static", "beta", "al-root");
    assertThat(paused.path("spec").path("rules").path(0).path("http").path("paths").path(2))
        .as("matching what the root's path matches").isEqualTo(json("""
            {"path": "/", "pathType": "Prefix",
             "backend": {"service": {"name": "beta", "port": {"name": "use-annotation"}}}}"""));
    assertThat(paused.path("spec").path("rules").path(1))
        .isEqualTo(original.path("spec").path("rules").path(1));
    assertThat(annotation(paused, "actions.ssl-redirect"))
        .isEqualTo(annotation(original, "actions.ssl-redirect"));

    cluster.patchStatus("al", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("al", "back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && actionSays("al", "al-root", weighted("al", 0)).test(r)
        && annotation(ingress("al"), "actions.beta") == null);

    ObjectNode after = ingress("al");
    assertThat(after.path("spec")).as("the header route's path is gone")
        .isEqualTo(original.path("spec"));
    ObjectNode annotations = (ObjectNode) after.path("metadata").path("annotations").deepCopy();
    annotations.remove(PREFIX + "actions.al-root");
    assertThat(annotations).as("Ramp added only the weighted action")
        .isEqualTo(original.path("metadata").path("annotations"));
    assertThat(after.path("metadata").path("labels"))
        .isEqualTo(original.path("metadata").path("labels"));
    assertThat(cluster.events("al")).filteredOn(e -> e.getReason().equals("WeightNotVerifiable"))
        .as("said once for the rollout, not at every reconcile").singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains(
            "annotation alb.ingress.kubernetes.io/actions.al-root of Ingress al",
            "the weight cannot be verified with the load balancer itself"));
  }

  @Test
  void everyIngressGetsTheWeightWithStickinessAndAnAbortTakesItBack() {
    createIngress("alb-public", "ab-stable");
    createIngress("alb-internal", "ab-stable");
    TrafficRouting routing = alb("alb-public", "alb-internal");
    routing.alb.stickinessConfig = new AlbRouting.StickinessConfig();
    routing.alb.stickinessConfig.enabled = true;
    routing.alb.stickinessConfig.durationSeconds = 300L;
    cluster.create(Routes.routed(cluster, "ab", routing, weight(30), pause(null)));
    cluster.awaitPhase("ab", "Healthy");

    cluster.setImage("ab", "demo:v2");
    cluster.awaitStep("ab", 1, "Paused");
    ObjectNode sticky = (ObjectNode) weighted("ab", 30);
    ((ObjectNode) sticky.get("ForwardConfig")).putObject("TargetGroupStickinessConfig")
        .put("Enabled", true).put("DurationSeconds", 300);
    for (String ingress : List.of("alb-public", "alb-internal")) {
      assertThat(annotation(ingress(ingress), "actions.ab-stable")).as(ingress).isEqualTo(sticky);
    }

    cluster.patchStatus("ab", "{\"status\":{\"abort\":true}}");
    ObjectNode none = (ObjectNode) weighted("ab", 0);
    ((ObjectNode) none.get("ForwardConfig")).set("TargetGroupStickinessConfig",
        sticky.path("ForwardConfig").path("TargetGroupStickinessConfig"));
    cluster.await("ab", "aborted, nothing to the canary on either Ingress",
        r -> "Aborted".equals(r.getStatus().phase)
            && actionSays("alb-public", "ab-stable", none).test(r)
            && actionSays("alb-internal", "ab-stable", none).test(r));
  }

  @Test
  void anActionEditedByHandIsPutBack() {
    createIngress("alh", "alh-stable");
    cluster.create(Routes.routed(cluster, "alh", alb("alh"), weight(40), pause(null)));
    cluster.awaitPhase("alh", "Healthy");
    cluster.setImage("alh", "demo:v2");
    cluster.awaitStep("alh", 1, "Paused");

    cluster.client.network().v1().ingresses().inNamespace(Cluster.NS).withName("alh")
        .edit(i -> {
          i.getMetadata().getAnnotations().put(PREFIX + "actions.alh-stable",
              "{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":["
                  + "{\"ServiceName\":\"alh-stable\",\"ServicePort\":\"80\",\"Weight\":100}]}}");
          return i;
        });
    // any change Ramp watches makes it look again, as its resync does every 30 seconds
    cluster.client.services().inNamespace(Cluster.NS).withName("alh-stable")
        .edit(s -> {
          s.getMetadata().setLabels(Map.of("touched", "yes"));
          return s;
        });

    cluster.await("alh", "the weight put back", actionSays("alh", "alh-stable",
        weighted("alh", 40)));
  }

  @Test
  void aMissingIngressIsAClearInvalidSpecUntilItIsCreated() {
    cluster.create(Routes.routed(cluster, "alm", alb("alm"), weight(10)));

    assertThat(cluster.awaitPhase("alm", "Degraded").getStatus().message)
        .contains("Ingress \"alm\" does not exist in namespace default");
    cluster.eventually(() -> assertThat(cluster.events("alm")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains("Ingress \"alm\" does not exist");
    }));

    createIngress("alm", "alm-stable");
    cluster.await("alm", "Healthy, all to stable", r -> "Healthy".equals(r.getStatus().phase)
        && actionSays("alm", "alm-stable", weighted("alm", 0)).test(r));
    cluster.eventually(() -> assertThat(cluster.events("alm"))
        .filteredOn(e -> e.getReason().equals("WeightNotVerifiable")).hasSize(1));
  }

  @Test
  void albCannotMirrorAndSaysSo() {
    cluster.create(Routes.routed(cluster, "alr", alb("alr"), Routes.mirror("shadow", 10)));

    assertThat(cluster.awaitPhase("alr", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.steps[0]: AWS ALB cannot mirror traffic (setMirrorRoute)");
  }
}
