package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.SessionAffinity;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session affinity through the real operator, on route objects as their users write them (most
 * optional fields left out, a field Ramp does not know): the cookie rule and the canary's
 * Set-Cookie come with the first weight, stay through the steps, are put back after a hand edit
 * and go at promotion and at abort, leaving the object as it was.
 */
class SessionAffinityRoutingTest extends ClusterTest {

  /** How a router's object holds rules, backends and the canary's response headers. */
  private record Router(RouterKind kind, String rules, String backends,
      Function<String, TrafficRouting> routing, Function<String, String> yaml,
      Function<JsonNode, String> setCookie, Function<JsonNode, String> service) {}

  private static final Router GATEWAY_API = new Router(RouterKind.HTTP_ROUTE, "rules",
      "backendRefs",
      name -> {
        TrafficRouting routing = new TrafficRouting();
        routing.gatewayAPI = new GatewayApiRouting();
        routing.gatewayAPI.httpRoute = name;
        return routing;
      },
      name -> """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: %1$s}
          spec:
            parentRefs: [{name: gateway}]
            rules:
              - backendRefs: [{name: %1$s-stable, port: 80}]
                futureField: kept
          """.formatted(name),
      ref -> {
        for (JsonNode filter : ref.path("filters")) {
          for (JsonNode header : filter.path("responseHeaderModifier").path("add")) {
            if (header.path("name").asText().equals("Set-Cookie")) {
              return header.path("value").asText();
            }
          }
        }
        return null;
      },
      ref -> ref.path("name").asText());

  private static final Router ISTIO = new Router(RouterKind.VIRTUAL_SERVICE, "http", "route",
      name -> {
        TrafficRouting routing = new TrafficRouting();
        routing.istio = new IstioRouting();
        routing.istio.virtualService = new IstioRouting.VirtualServiceRef();
        routing.istio.virtualService.name = name;
        return routing;
      },
      name -> """
          apiVersion: networking.istio.io/v1beta1
          kind: VirtualService
          metadata: {name: %1$s}
          spec:
            hosts: [%1$s.example.com]
            http:
              - route: [{destination: {host: %1$s-stable}, weight: 100}]
                futureField: kept
          """.formatted(name),
      destination -> destination.path("headers").path("response").path("add")
          .path("Set-Cookie").asText(null),
      destination -> destination.path("destination").path("host").asText());

  @BeforeAll
  void installCrds() {
    RouterFixtures.installCrds(cluster.client, RouterKind.HTTP_ROUTE, RouterKind.VIRTUAL_SERVICE);
  }

  @Test
  void gatewayApiKeepsCanaryUsersOnTheCanaryUntilPromotion() {
    keepsCanaryUsersOnTheCanaryUntilPromotion(GATEWAY_API, "aff-gw");
  }

  @Test
  void istioKeepsCanaryUsersOnTheCanaryUntilPromotion() {
    keepsCanaryUsersOnTheCanaryUntilPromotion(ISTIO, "aff-istio");
  }

  @Test
  void gatewayApiSendsCookieHoldersBackToStableOnAbort() {
    sendsCookieHoldersBackToStableOnAbort(GATEWAY_API, "aff-gw-abort");
  }

  @Test
  void istioSendsCookieHoldersBackToStableOnAbort() {
    sendsCookieHoldersBackToStableOnAbort(ISTIO, "aff-istio-abort");
  }

  /**
   * ingress-nginx keeps the users the canary served with its own cookie affinity on the canary
   * Ingress (sticky for canaries), next to a header route; the stable Ingress is only read.
   */
  @Test
  void nginxKeepsCanaryUsersWithItsCookieAffinityUntilPromotion() {
    RouterFixtures.create(cluster.client, """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: aff-ng
          annotations: {kubernetes.io/ingress.class: nginx}
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: aff-ng-stable, port: {number: 80}}}
        """);
    TrafficRouting routing = RouterFixtures.nginx();
    routing.nginx.stableIngress = "aff-ng";
    cluster.create(withAffinity(Routes.routed(cluster, "aff-ng", routing, weight(20),
        Routes.header("beta", "x-beta", "1"), pause(null), weight(60), pause(null))));
    cluster.awaitPhase("aff-ng", "Healthy");
    String nginx = "nginx.ingress.kubernetes.io/";
    Map<String, String> affinity = Map.of(nginx + "affinity", "cookie",
        nginx + "affinity-canary-behavior", "sticky", nginx + "session-cookie-name", "canary-user",
        nginx + "session-cookie-max-age", "86400", nginx + "session-cookie-path", "/");

    cluster.setImage("aff-ng", "demo:v2");
    cluster.awaitStep("aff-ng", 2, "Paused");
    assertThat(canaryIngressAnnotations()).containsAllEntriesOf(affinity)
        .containsEntry(nginx + "canary-weight", "20")
        .containsEntry(nginx + "canary-by-header", "x-beta");

    cluster.client.network().v1().ingresses().inNamespace(Cluster.NS)
        .withName("aff-ng-aff-ng-canary").edit(ingress -> {
          ingress.getMetadata().getAnnotations().remove(nginx + "affinity");
          return ingress;
        });
    RouterObjectsByHand.nudge(cluster, "aff-ng");
    cluster.await("aff-ng", "the affinity put back after a hand edit",
        r -> "cookie".equals(canaryIngressAnnotations().get(nginx + "affinity")));

    cluster.patchStatus("aff-ng", "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep("aff-ng", 4, "Paused");
    assertThat(canaryIngressAnnotations()).containsAllEntriesOf(affinity)
        .containsEntry(nginx + "canary-weight", "60");

    cluster.patchStatus("aff-ng", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("aff-ng", "promoted, the affinity gone", r ->
        "Healthy".equals(r.getStatus().phase)
            && "0".equals(canaryIngressAnnotations().get(nginx + "canary-weight"))
            && !canaryIngressAnnotations().containsKey(nginx + "affinity"));
    assertThat(canaryIngressAnnotations()).doesNotContainKeys(affinity.keySet().toArray(
        String[]::new)).doesNotContainKey(nginx + "canary-by-header")
        .containsEntry("kubernetes.io/ingress.class", "nginx");
  }

  private Map<String, String> canaryIngressAnnotations() {
    return cluster.client.network().v1().ingresses().inNamespace(Cluster.NS)
        .withName("aff-ng-aff-ng-canary").get().getMetadata().getAnnotations();
  }

  @Test
  void aRouterThatCannotMatchCookiesIsInvalidSpec() {
    cluster.create(withAffinity(Routes.routed(cluster, "aff-smi", RouterFixtures.smi())));

    String message = "spec.strategy.canary.sessionAffinity: SMI cannot keep a user on the"
        + " canary with a cookie (sessionAffinity)";
    assertThat(cluster.awaitPhase("aff-smi", "Degraded").getStatus().message).contains(message);
    cluster.eventually(() -> assertThat(cluster.events("aff-smi")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains(message);
    }));
  }

  private void keepsCanaryUsersOnTheCanaryUntilPromotion(Router router, String name) {
    RouterFixtures.create(cluster.client, router.yaml().apply(name));
    ObjectNode original = object(router, name);
    cluster.create(withAffinity(Routes.routed(cluster, name, router.routing().apply(name),
        weight(20), pause(null), weight(60), pause(null))));
    cluster.awaitPhase(name, "Healthy");
    assertThat(object(router, name).path("spec")).as("no affinity before an update")
        .isEqualTo(original.path("spec"));

    cluster.setImage(name, "demo:v2");
    String canary = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    assertAffinity(router, name, canary, 20);

    RouterObjectsByHand.edit(cluster, router.kind(), name, object -> {
      ArrayNode rules = (ArrayNode) object.path("spec").path(router.rules());
      rules.remove(0);
      ((ObjectNode) rules.get(0).path(router.backends()).get(1)).remove(
          router == ISTIO ? "headers" : "filters");
    });
    RouterObjectsByHand.nudge(cluster, name);
    awaitAffinity(router, name, canary, "the affinity put back after a hand edit");
    assertAffinity(router, name, canary, 20);

    cluster.patchStatus(name, "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep(name, 3, "Paused");
    assertAffinity(router, name, canary, 60);

    cluster.patchStatus(name, "{\"status\":{\"pauseConditions\":null}}");
    cluster.await(name, "promoted, the affinity gone", r -> "Healthy".equals(r.getStatus().phase)
        && canary.equals(r.getStatus().stableRevision)
        && rules(router, name).size() == 1 && setCookie(router, name) == null
        && canaryWeight(router, name) == 0);
    assertBackAsWritten(router, name, original);
  }

  private void sendsCookieHoldersBackToStableOnAbort(Router router, String name) {
    RouterFixtures.create(cluster.client, router.yaml().apply(name));
    ObjectNode original = object(router, name);
    cluster.create(withAffinity(Routes.routed(cluster, name, router.routing().apply(name),
        weight(20), pause(null))));
    cluster.awaitPhase(name, "Healthy");
    cluster.setImage(name, "demo:v2");
    String canary = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    assertAffinity(router, name, canary, 20);

    cluster.patchStatus(name, "{\"status\":{\"abort\":true}}");

    cluster.await(name, "aborted, the affinity gone", r -> "Aborted".equals(r.getStatus().phase)
        && rules(router, name).size() == 1 && setCookie(router, name) == null
        && canaryWeight(router, name) == 0);
    assertBackAsWritten(router, name, original);
  }

  private static Rollout withAffinity(Rollout rollout) {
    rollout.getSpec().strategy.canary.sessionAffinity = new SessionAffinity();
    rollout.getSpec().strategy.canary.sessionAffinity.cookieName = "canary-user";
    return rollout;
  }

  /**
   * A first rule sending requests with the cookie {@code canary-user=<revision>} (among others)
   * to the canary, and the canary's backend in the weighed rule setting it for a day.
   */
  private void assertAffinity(Router router, String name, String canary, int weight) {
    List<JsonNode> rules = rules(router, name);
    assertThat(rules).hasSize(2);
    JsonNode cookieRule = rules.get(0);
    assertThat(backends(router, cookieRule)).singleElement().satisfies(backend -> {
      assertThat(router.service().apply(backend)).isEqualTo(name + "-canary");
      assertThat(backend.path("weight").asInt()).isEqualTo(100);
    });
    Pattern cookie = Pattern.compile(cookieRegex(router, cookieRule));
    assertThat(cookie.matcher("canary-user=" + canary).matches()).isTrue();
    assertThat(cookie.matcher("theme=dark; canary-user=" + canary + "; lang=en").matches())
        .isTrue();
    assertThat(cookie.matcher("theme=dark").matches()).isFalse();
    assertThat(cookie.matcher("canary-user=other").matches()).as("another update's canary")
        .isFalse();

    List<JsonNode> weighed = backends(router, rules.get(1));
    assertThat(weighed).extracting(b -> router.service().apply(b))
        .containsExactly(name + "-stable", name + "-canary");
    assertThat(weighed.get(1).path("weight").asInt()).isEqualTo(weight);
    assertThat(router.setCookie().apply(weighed.get(1)))
        .isEqualTo("canary-user=" + canary + "; Max-Age=86400; Path=/");
    assertThat(router.setCookie().apply(weighed.get(0))).as("the stable sets no cookie").isNull();
    assertThat(rules.get(1).path("futureField").asText()).isEqualTo("kept");
  }

  private void awaitAffinity(Router router, String name, String canary, String what) {
    cluster.await(name, what, r -> rules(router, name).size() == 2
        && ("canary-user=" + canary + "; Max-Age=86400; Path=/").equals(setCookie(router, name)));
  }

  /** The object as written, but for the canary's backend, which stays with no share. */
  private void assertBackAsWritten(Router router, String name, ObjectNode original) {
    ObjectNode after = object(router, name);
    ArrayNode backends = (ArrayNode) after.path("spec").path(router.rules()).get(0)
        .path(router.backends());
    assertThat(backends.get(1).path("weight").asInt()).isZero();
    backends.remove(1);
    if (router == GATEWAY_API) {
      ((ObjectNode) backends.get(0)).remove("weight");
    } else {
      ((ObjectNode) backends.get(0)).put("weight", 100);
    }
    assertThat(after.path("spec")).isEqualTo(original.path("spec"));
  }

  private static String cookieRegex(Router router, JsonNode rule) {
    if (router == ISTIO) {
      return rule.path("match").get(0).path("headers").path("cookie").path("regex").asText();
    }
    JsonNode header = rule.path("matches").get(0).path("headers").get(0);
    assertThat(header.path("name").asText()).isEqualTo("cookie");
    assertThat(header.path("type").asText()).isEqualTo("RegularExpression");
    return header.path("value").asText();
  }

  private String setCookie(Router router, String name) {
    List<JsonNode> rules = rules(router, name);
    List<JsonNode> backends = backends(router, rules.get(rules.size() - 1));
    return backends.size() < 2 ? null : router.setCookie().apply(backends.get(1));
  }

  private int canaryWeight(Router router, String name) {
    List<JsonNode> rules = rules(router, name);
    List<JsonNode> backends = backends(router, rules.get(rules.size() - 1));
    return backends.size() < 2 ? 0 : backends.get(1).path("weight").asInt();
  }

  private ObjectNode object(Router router, String name) {
    return RouterObjectsByHand.get(cluster, router.kind(), name);
  }

  private List<JsonNode> rules(Router router, String name) {
    List<JsonNode> rules = new ArrayList<>();
    object(router, name).path("spec").path(router.rules()).forEach(rules::add);
    return rules;
  }

  private static List<JsonNode> backends(Router router, JsonNode rule) {
    List<JsonNode> backends = new ArrayList<>();
    rule.path(router.backends()).forEach(backends::add);
    return backends;
  }
}
