package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static dev.ramp.controller.RouterFixtures.contour;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.cluster.routing.RouterKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contour: weights and mirrors on the routes of HTTPProxies, through the real operator. */
class ContourRoutingTest extends ClusterTest {
  private static final RouterKind KIND = RouterKind.HTTP_PROXY;

  @BeforeAll
  void installContour() {
    RouterFixtures.installCrds(cluster.client, KIND);
    // the proxies' other Service: Contour finds a proxy valid only when all its Services exist
    cluster.createService("admin", "admin");
  }

  /**
   * An HTTPProxy as users write one: TLS, the app at / without weights, an /admin route to
   * another Service, and a field newer than Ramp knows.
   */
  private ObjectNode createProxy(String name) {
    RouterFixtures.create(cluster.client, """
        apiVersion: projectcontour.io/v1
        kind: HTTPProxy
        metadata: {name: %1$s, namespace: default}
        spec:
          virtualhost: {fqdn: shop.example.com, tls: {secretName: shop-tls}}
          routes:
            - conditions: [{prefix: /}]
              services: [{name: %1$s-stable, port: 80}]
            - conditions: [{prefix: /admin}]
              services: [{name: admin, port: 8080}]
              permitInsecure: false
          routingFromTheFuture: {enabled: true}
        """.formatted(name));
    return proxy(name);
  }

  /** A second HTTPProxy of the app: /api only for a header, with a timeout. */
  private ObjectNode createApiProxy(String name, String app) {
    RouterFixtures.create(cluster.client, """
        apiVersion: projectcontour.io/v1
        kind: HTTPProxy
        metadata: {name: %1$s, namespace: default}
        spec:
          virtualhost: {fqdn: api.example.com}
          routes:
            - conditions: [{prefix: /api}, {header: {name: x-client, present: true}}]
              timeoutPolicy: {response: 5s}
              services: [{name: %2$s-stable, port: 80, weight: 100}]
        """.formatted(name, app));
    return proxy(name);
  }

  private ObjectNode proxy(String name) {
    return RouterObjectsByHand.get(cluster, KIND, name);
  }

  private JsonNode route(String proxy, int index) {
    return proxy(proxy).path("spec").path("routes").get(index);
  }

  /** The services of a route, as "name weight" and "name mirror weight". */
  private List<String> services(String proxy, int index) {
    List<String> services = new ArrayList<>();
    for (JsonNode s : route(proxy, index).path("services")) {
      services.add(s.path("name").asText() + (s.path("mirror").asBoolean() ? " mirror " : " ")
          + s.path("weight").asText("-"));
    }
    return services;
  }

  @Test
  void weighsAndMirrorsEveryRouteToStableInEveryProxyAndKeepsEverythingElse() {
    ObjectNode original = createProxy("ct");
    ObjectNode originalApi = createApiProxy("ct-api", "ct");
    cluster.create(Routes.routed(cluster, "ct", contour("ct", "ct-api"), weight(20),
        Routes.mirror("shadow", 30), pause(null), weight(60), pause(null)));
    cluster.awaitPhase("ct", "Healthy");

    cluster.setImage("ct", "demo:v2");
    cluster.awaitStep("ct", 2, "Paused");

    assertThat(services("ct", 0)).containsExactly("ct-stable 80", "ct-canary 20",
        "ct-canary mirror 30");
    assertThat(services("ct-api", 0)).containsExactly("ct-stable 80", "ct-canary 20",
        "ct-canary mirror 30");
    assertThat(route("ct", 0).path("services").get(1).path("port").asInt()).isEqualTo(80);
    assertThat(route("ct", 1)).isEqualTo(original.path("spec").path("routes").get(1));
    assertThat(proxy("ct").path("spec").path("virtualhost"))
        .isEqualTo(original.path("spec").path("virtualhost"));
    assertThat(proxy("ct").path("spec").path("routingFromTheFuture"))
        .isEqualTo(original.path("spec").path("routingFromTheFuture"));
    JsonNode api = originalApi.path("spec").path("routes").get(0);
    assertThat(route("ct-api", 0).path("conditions")).isEqualTo(api.path("conditions"));
    assertThat(route("ct-api", 0).path("timeoutPolicy")).isEqualTo(api.path("timeoutPolicy"));

    cluster.patchStatus("ct", "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep("ct", 4, "Paused");
    assertThat(services("ct", 0)).startsWith("ct-stable 40", "ct-canary 60");

    cluster.patchStatus("ct", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("ct", "promoted, back on stable", r -> "Healthy".equals(r.getStatus().phase)
        && services("ct", 0).equals(List.of("ct-stable 100", "ct-canary 0")));
    assertThat(services("ct-api", 0)).containsExactly("ct-stable 100", "ct-canary 0");
    assertThat(route("ct", 1)).isEqualTo(original.path("spec").path("routes").get(1));
    assertThat(proxy("ct").path("metadata").path("annotations").isMissingNode()).as(
        "no record of the mirror left").isTrue();
  }

  @Test
  void abortSendsEveryRequestToStableAndStopsMirroring() {
    createProxy("cta");
    cluster.create(Routes.routed(cluster, "cta", contour("cta"), weight(50),
        Routes.mirror("shadow", 100), pause(null)));
    cluster.awaitPhase("cta", "Healthy");
    cluster.setImage("cta", "demo:v2");
    cluster.awaitStep("cta", 2, "Paused");

    cluster.patchStatus("cta", "{\"status\":{\"abort\":true}}");

    cluster.await("cta", "aborted, weight 0, no mirror", r -> "Aborted".equals(
        r.getStatus().phase) && services("cta", 0).equals(List.of("cta-stable 100",
        "cta-canary 0")));
  }

  @Test
  void aWeightChangedByHandIsPutBack() {
    createProxy("cth");
    cluster.create(Routes.routed(cluster, "cth", contour("cth"), weight(20), pause(null)));
    cluster.awaitPhase("cth", "Healthy");
    cluster.setImage("cth", "demo:v2");
    cluster.awaitStep("cth", 1, "Paused");

    RouterObjectsByHand.edit(cluster, KIND, "cth", proxy -> {
      ArrayNode services = (ArrayNode) proxy.path("spec").path("routes").get(0).path("services");
      ((ObjectNode) services.get(0)).put("weight", 10);
      ((ObjectNode) services.get(1)).put("weight", 90);
    });
    RouterObjectsByHand.nudge(cluster, "cth");

    cluster.await("cth", "weight 20 again",
        r -> services("cth", 0).equals(List.of("cth-stable 80", "cth-canary 20")));
  }

  /**
   * Contour mirrors a route to one service: a mirror step on a route that already mirrors
   * elsewhere stops the release with InvalidSpec saying so, and the route stays as written.
   */
  @Test
  void aMirrorOnARouteThatAlreadyMirrorsIsRefusedOnRelease() {
    RouterFixtures.create(cluster.client, """
        apiVersion: projectcontour.io/v1
        kind: HTTPProxy
        metadata: {name: ctm, namespace: default}
        spec:
          routes:
            - services:
                - {name: ctm-stable, port: 80}
                - {name: recorder, port: 80, mirror: true}
        """);
    JsonNode original = route("ctm", 0);
    cluster.create(Routes.routed(cluster, "ctm", contour("ctm"), Routes.mirror("shadow", 10),
        weight(50)));
    cluster.awaitPhase("ctm", "Healthy");

    cluster.setImage("ctm", "demo:v2");

    assertThat(cluster.await("ctm", "InvalidSpec", r -> "Degraded".equals(r.getStatus().phase))
        .getStatus().message).contains("HTTPProxy \"ctm\": a route already mirrors to"
            + " \"recorder\", and Contour mirrors to one service per route");
    assertThat(route("ctm", 0)).isEqualTo(original);
  }

  @Test
  void headerRoutesAndMirrorsOfSomeRequestsAreRefusedWithTheReason() {
    CanaryStep matchedMirror = Routes.mirror("shadow", 10);
    matchedMirror.setMirrorRoute.match =
        List.of(RouteMatch.ofHeaders(List.of(new HeaderMatch("x-shadow", "1"))));
    cluster.create(Routes.routed(cluster, "ctr", contour("ctr"),
        Routes.header("beta", "x-beta", "1"), matchedMirror));

    assertThat(cluster.awaitPhase("ctr", "Degraded").getStatus().message)
        .contains("spec.strategy.canary.steps[0]: Contour cannot route by header"
            + " (setHeaderRoute): HTTPProxy routes have no names, so Ramp adds no routes of its"
            + " own")
        .contains("spec.strategy.canary.steps[1]: Contour mirrors all requests of the routes"
            + " Ramp weighs (no match): HTTPProxy routes have no names, so Ramp adds no routes"
            + " of its own");
  }
}
