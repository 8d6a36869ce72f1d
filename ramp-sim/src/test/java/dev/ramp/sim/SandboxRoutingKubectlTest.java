package dev.ramp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.sim.traffic.RevisionTraffic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route objects as people write them, applied with kubectl to the sandbox and routed. */
class SandboxRoutingKubectlTest extends SandboxKubectlFixture {
  private static final String SERVICES = """
      apiVersion: v1
      kind: Service
      metadata: {name: %1$s-stable, namespace: default}
      spec: {selector: {app: %1$s}, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: %1$s-canary, namespace: default}
      spec: {selector: {app: %1$s}, ports: [{port: 80}]}
      ---
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata: {name: %1$s, namespace: default}
      spec:
        replicas: 2
        selector: {matchLabels: {app: %1$s}}
        template:
          metadata: {labels: {app: %1$s}}
          spec: {containers: [{name: app, image: demo:v1}]}
        strategy:
          canary:
            stableService: %1$s-stable
            canaryService: %1$s-canary
            scaleDownDelaySeconds: 0
      """;

  /**
   * An HTTPRoute whose /static rule, like most rules, has no filters (its Service exists: the
   * gateway accepts a route only when all of its backends do).
   */
  private static final String HTTP_ROUTE = SERVICES + """
            trafficRouting: {gatewayAPI: {httpRoute: shop}}
            steps:
              - setWeight: 20
              - setHeaderRoute: {name: beta, match: [{headerName: x-beta, headerValue: {exact: "1"}}]}
              - setMirrorRoute: {name: shadow, percentage: 30}
              - pause: {}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: static, namespace: default}
      spec: {selector: {app: static}, ports: [{port: 80}]}
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: shop, namespace: default}
      spec:
        parentRefs: [{name: gateway}]
        rules:
          - matches: [{path: {type: PathPrefix, value: /static}}]
            backendRefs: [{name: static, port: 80}]
          - name: main
            backendRefs: [{name: shop-stable, port: 80}]
      """;

  /**
   * A TLS-passthrough VirtualService: tls routes only; routes names no HTTP route. Written as
   * {@code v1alpha3}, as Argo Rollouts' examples are: Ramp reads and writes it at another version.
   */
  private static final String TLS_ONLY = SERVICES + """
            trafficRouting: {istio: {virtualService: {name: vault, routes: [primary]}}}
            steps: [{setWeight: 40}, {pause: {}}]
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata: {name: vault, namespace: default}
      spec:
        hosts: [vault.example.com]
        gateways: [mesh]
        tls:
          - match: [{port: 443, sniHosts: [vault.example.com]}]
            route: [{destination: {host: vault-stable, port: {number: 443}}}]
      """;

  /** NGINX Ingress weighing out of 1000, as Argo Rollouts' maxTrafficWeight does. */
  private static final String NGINX_PER_MILLE = SERVICES + """
            trafficRouting: {maxTrafficWeight: 1000, nginx: {stableIngress: till}}
            steps: [{setWeight: 200}, {pause: {}}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: till, namespace: default}
      spec:
        ingressClassName: nginx
        rules:
          - host: till.example.com
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend: {service: {name: till-stable, port: {number: 80}}}
      """;

  /** A session affinity on a VirtualService, as its users write one: most fields left out. */
  private static final String AFFINITY = SERVICES + """
            sessionAffinity: {cookieName: shop-canary}
            trafficRouting: {istio: {virtualService: {name: %1$s}}}
            steps: [{setWeight: 20}, {pause: {}}]
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: %1$s, namespace: default}
      spec:
        hosts: [%1$s.example.com]
        http: [{route: [{destination: {host: %1$s-stable}, weight: 100}]}]
      """;

  private static final String VIRTUAL_SERVICE = "virtualservice";

  private static void release(String rollout) {
    await("rollout", rollout, ".status.phase", "Healthy");
    kubectl.run("patch", "rollout", rollout, "--type=json", "-p", "[{\"op\":\"replace\","
        + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"demo:v2\"}]").ok();
    await("rollout", rollout, ".status.phase", "Paused");
  }

  private static void promote(String rollout) {
    kubectl.run("patch", "rollout", rollout, "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"pauseConditions\":null}}").ok();
    await("rollout", rollout, ".status.phase", "Healthy");
  }

  @Test
  void headerAndMirrorRoutesOnARouteWithARuleWithoutFiltersComplete() {
    kubectl.runWithInput(HTTP_ROUTE.formatted("shop"), "apply", "-f", "-").ok();
    String asWritten = get("httproute", "shop", ".spec.rules[0]");
    release("shop");
    assertThat(get("httproute", "shop", ".spec.rules[*].name")).isEqualTo("beta main");
    assertThat(get("httproute", "shop", ".spec.rules[?(@.name==\"main\")].filters[0]"
        + ".requestMirror.percent")).isEqualTo("30");

    promote("shop");

    await("httproute", "shop", ".spec.rules[?(@.name==\"main\")].backendRefs[*].weight",
        "100 0");
    assertThat(get("httproute", "shop", ".spec.rules[0]")).isEqualTo(asWritten);
    assertThat(get("httproute", "shop", ".spec.rules[1]")).doesNotContain("filters");
    assertThat(get("httproute", "shop", ".metadata.annotations")).as("no route of Ramp's left")
        .doesNotContain("ramp.dev/managed-routes");
  }

  @Test
  void aSessionAffinityComesWithTheFirstWeightAndGoesAtPromotion() {
    kubectl.runWithInput(AFFINITY.formatted("sticky"), "apply", "-f", "-").ok();
    release("sticky");
    String canary = get("rollout", "sticky", ".status.updatedRevision");
    assertThat(get(VIRTUAL_SERVICE, "sticky", ".spec.http[0].match[0].headers.cookie.regex"))
        .contains("shop\\-canary\\=" + canary);
    assertThat(get(VIRTUAL_SERVICE, "sticky", ".spec.http[1].route[1].headers.response.add"))
        .contains("shop-canary=" + canary + "; Max-Age=86400; Path=/");

    promote("sticky");

    await(VIRTUAL_SERVICE, "sticky", ".spec.http[0].route[*].weight", "100 0");
    assertThat(get(VIRTUAL_SERVICE, "sticky", ".spec.http")).doesNotContain("cookie");
  }

  @Test
  void aVirtualServiceWithOnlyTlsRoutesIsWeighedWhereRoutesNamesNoHttpRoute() {
    kubectl.runWithInput(TLS_ONLY.formatted("vault"), "apply", "-f", "-").ok();
    release("vault");
    assertThat(get("rollout", "vault", ".status.canary.weight")).isEqualTo("40");
    assertThat(get(VIRTUAL_SERVICE, "vault", ".spec.tls[0].route[*].destination.host"))
        .isEqualTo("vault-stable vault-canary");
    assertThat(get(VIRTUAL_SERVICE, "vault", ".spec.tls[0].route[*].weight"))
        .isEqualTo("60 40");

    promote("vault");

    await(VIRTUAL_SERVICE, "vault", ".spec.tls[0].route[*].weight", "100 0");
    assertThat(get(VIRTUAL_SERVICE, "vault", ".spec.http")).isEmpty();
  }

  @Test
  void aVirtualServiceAppliedAsV1alpha3IsReadAtEveryServedVersion() {
    kubectl.runWithInput("""
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata: {name: legacy, namespace: default}
        spec:
          hosts: [legacy]
          http: [{route: [{destination: {host: legacy-stable}, weight: 100}]}]
        """, "apply", "-f", "-").ok();

    assertThat(get("virtualservice", "legacy", ".spec.hosts[0]")).isEqualTo("legacy");
    assertThat(get("virtualservice", "legacy", ".apiVersion"))
        .as("the preferred version").isEqualTo("networking.istio.io/v1");
    for (String version : List.of("v1", "v1beta1", "v1alpha3")) {
      String resource = "virtualservices." + version + ".networking.istio.io";
      assertThat(get(resource, "legacy", ".apiVersion"))
          .isEqualTo("networking.istio.io/" + version);
      assertThat(get(resource, "legacy", ".spec.http[0].route[0].weight")).isEqualTo("100");
    }
    assertThat(kubectl.run("get", "virtualservices.v1beta1.networking.istio.io", "-o",
        "name").ok()).contains("virtualservice.networking.istio.io/legacy");

    kubectl.run("patch", "virtualservices.v1.networking.istio.io", "legacy", "--type=merge",
        "-p", "{\"spec\":{\"hosts\":[\"legacy.example.com\"]}}").ok();
    assertThat(get("virtualservices.v1alpha3.networking.istio.io", "legacy", ".spec.hosts[0]"))
        .as("one object, whatever version wrote it").isEqualTo("legacy.example.com");
  }

  @Test
  void usersFollowAnNginxWeightCountedOutOfMaxTrafficWeight() {
    kubectl.runWithInput(NGINX_PER_MILLE.formatted("till"), "apply", "-f", "-").ok();
    release("till");
    assertThat(kubectl.run("get", "ingress", "till-till-canary", "-o", "jsonpath={.metadata"
        + ".annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}").ok())
        .isEqualTo("200");
    RevisionTraffic stable = sandbox.traffic().traffic("default", "till",
        get("rollout", "till", ".status.stableRevision"));
    RevisionTraffic canary = sandbox.traffic().traffic("default", "till",
        get("rollout", "till", ".status.updatedRevision"));
    long stableBefore = stable.requests();
    long canaryBefore = canary.requests();

    // 600 requests: a 20% share falls within 13-27% but for one chance in 10^4
    awaitRequests(600, stable, canary);

    long toCanary = canary.requests() - canaryBefore;
    double share = 100.0 * toCanary / (stable.requests() - stableBefore + toCanary);
    assertThat(share).as("200 out of 1000 is 20%%").isBetween(13.0, 27.0);
  }
}
