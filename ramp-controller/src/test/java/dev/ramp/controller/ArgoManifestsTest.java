package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.Rollout;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.controller.badinput.Schemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rollouts written as Argo Rollouts' documentation writes them, with only the apiVersion
 * changed: the CRD schema accepts them, the spec checks too, and a release through them does
 * what Argo Rollouts does.
 */
class ArgoManifestsTest extends ClusterTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Schemas schemas = new Schemas();

  @BeforeAll
  void installRouterCrds() {
    RouterFixtures.installCrds(cluster.client, RouterKind.TRAFFIC_SPLIT,
        RouterKind.VIRTUAL_SERVICE, RouterKind.HTTP_ROUTE);
  }

  /** The rollout {@code name} of 4 replicas of demo:v1 with this canary strategy. */
  private Rollout argoRollout(String name, String canary) {
    String manifest = """
        apiVersion: ramp.dev/v1alpha1
        kind: Rollout
        metadata: {name: %s, namespace: default}
        spec:
          replicas: 4
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: app, image: demo:v1}]}
          strategy:
            canary:
        """.formatted(name, name, name) + canary.indent(6);
    try {
      JsonNode json = YAML.readTree(manifest);
      assertThat(schemas.problems(json)).as("the CRD schema's verdict").isEmpty();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return new KubernetesSerialization().unmarshal(manifest, Rollout.class);
  }

  /** Creates the rollout, waits until it is Healthy, then releases demo:v2. */
  /**
   * VirtualService {@code name} whose HTTP route {@code route} weighs the app's stable Service
   * at 100 and its canary one at 0.
   */
  private static String weighedVirtualService(String name, String route, String app) {
    return """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: %1$s}
        spec:
          hosts: [%1$s.example.com]
          http:
          - name: %2$s
            route:
            - destination: {host: %3$s-stable}
              weight: 100
            - destination: {host: %3$s-canary}
              weight: 0
        """.formatted(name, route, app);
  }

  /** The Services {@code app-stable} and {@code app-canary} an Argo canary names. */
  private void createStableAndCanaryServices(String app) {
    cluster.createService(app + "-stable", app);
    cluster.createService(app + "-canary", app);
  }

  private void release(Rollout rollout) {
    cluster.create(rollout);
    cluster.awaitPhase(rollout.getMetadata().getName(), "Healthy");
    cluster.setImage(rollout.getMetadata().getName(), "demo:v2");
  }

  @Test
  void smiWithoutRootServiceOrTrafficSplitNameSplitsTheStableServiceInASplitNamedAsTheRollout() {
    createStableAndCanaryServices("smi-argo");
    release(argoRollout("smi-argo", """
        steps:
        - setWeight: 5
        - pause: {}
        canaryService: smi-argo-canary
        stableService: smi-argo-stable
        trafficRouting:
          smi: {}
        """));

    cluster.awaitStep("smi-argo", 1, "Paused");
    GenericKubernetesResource split = cluster.client.genericKubernetesResources(
        RouterKind.TRAFFIC_SPLIT.apiVersion(), RouterKind.TRAFFIC_SPLIT.kind())
        .inNamespace(Cluster.NS).withName("smi-argo").get();
    assertThat(split.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
        "service", "smi-argo-stable", "backends", List.of(
            Map.of("service", "smi-argo-stable", "weight", 95),
            Map.of("service", "smi-argo-canary", "weight", 5))));
  }

  @Test
  void managedRoutesOrderTheHeaderRoutesRampAddsAheadOfTheWeighedRoute() {
    createStableAndCanaryServices("mr");
    RouterFixtures.create(cluster.client, weighedVirtualService("mr-vsvc", "primary", "mr"));
    release(argoRollout("mr", """
        canaryService: mr-canary
        stableService: mr-stable
        trafficRouting:
          managedRoutes:
          - name: set-header
          - name: set-header-beta
          istio:
            virtualService:
              name: mr-vsvc
              routes:
              - primary
        steps:
        - setWeight: 20
        - setHeaderRoute:
            name: "set-header-beta"
            match:
            - headerName: "beta"
              headerValue:
                exact: "yes"
        - setHeaderRoute:
            name: "set-header"
            match:
            - headerName: "version"
              headerValue:
                exact: "2"
        - pause: {}
        """));

    cluster.awaitStep("mr", 3, "Paused");
    assertThat(httpRouteNames("mr-vsvc"))
        .containsExactly("set-header", "set-header-beta", "primary");
  }

  @Test
  void aStepRouteNotDeclaredInManagedRoutesIsAnInvalidSpecNamingIt() {
    createStableAndCanaryServices("mru");
    cluster.create(argoRollout("mru", """
        canaryService: mru-canary
        stableService: mru-stable
        trafficRouting:
          managedRoutes:
          - name: set-header
          istio:
            virtualService: {name: mru-vsvc}
        steps:
        - setHeaderRoute:
            name: set-haeder
            match:
            - headerName: version
              headerValue: {exact: "2"}
        """));

    assertThat(cluster.awaitPhase("mru", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.steps[0].setHeaderRoute: route \"set-haeder\" is not declared in"
            + " spec.strategy.canary.trafficRouting.managedRoutes [set-header]");
  }

  @Test
  void nginxGivesEachStableIngressACanaryIngressWithTheAdditionalAnnotations() {
    createStableAndCanaryServices("ngx");
    for (String ingress : List.of("ngx-primary", "ngx-secondary")) {
      RouterFixtures.create(cluster.client, RouterFixtures.STABLE_INGRESS
          .replace("name: web,", "name: " + ingress + ",").replace("web-stable", "ngx-stable"));
    }
    release(argoRollout("ngx", """
        canaryService: ngx-canary
        stableService: ngx-stable
        trafficRouting:
          nginx:
            stableIngresses:
              - ngx-primary
              - ngx-secondary
            additionalIngressAnnotations:
              canary-by-header: X-Canary
              canary-by-header-value: iwantsit
        steps:
        - setWeight: 20
        - pause: {}
        """));

    cluster.awaitStep("ngx", 1, "Paused");
    for (String ingress : List.of("ngx-primary", "ngx-secondary")) {
      var canary = cluster.client.network().v1().ingresses().inNamespace(Cluster.NS)
          .withName("ngx-" + ingress + "-canary").get();
      assertThat(canary.getMetadata().getAnnotations()).as(ingress)
          .containsEntry("nginx.ingress.kubernetes.io/canary", "true")
          .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "20")
          .containsEntry("nginx.ingress.kubernetes.io/canary-by-header", "X-Canary")
          .containsEntry("nginx.ingress.kubernetes.io/canary-by-header-value", "iwantsit");
      assertThat(canary.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend()
          .getService().getName()).as(ingress).isEqualTo("ngx-canary");
    }
  }

  @Test
  void istioWeighsEachOfSeveralVirtualServices() {
    createStableAndCanaryServices("vss");
    for (String[] service : new String[][] {{"vss-vsvc1", "primary"}, {"vss-vsvc2", "secondary"}}) {
      RouterFixtures.create(cluster.client, weighedVirtualService(service[0], service[1], "vss"));
    }
    release(argoRollout("vss", """
        canaryService: vss-canary
        stableService: vss-stable
        trafficRouting:
          istio:
            virtualServices:
            - name: vss-vsvc1
              routes:
              - primary
            - name: vss-vsvc2
              routes:
              - secondary
        steps:
        - setWeight: 20
        - pause: {}
        """));

    cluster.awaitStep("vss", 1, "Paused");
    assertThat(httpRouteWeights("vss-vsvc1", "primary")).isEqualTo(List.of(80, 20));
    assertThat(httpRouteWeights("vss-vsvc2", "secondary")).isEqualTo(List.of(80, 20));
  }

  @Test
  void aStepThatScalesTheCanaryAndSetsAHeaderRouteDoesBoth() {
    createStableAndCanaryServices("shr");
    RouterFixtures.create(cluster.client, """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: shr-vsvc}
        spec:
          hosts: [shr.example.com]
          http:
          - name: primary
            route:
            - destination: {host: shr-stable}
              weight: 100
        """);
    release(argoRollout("shr", """
        canaryService: shr-canary
        stableService: shr-stable
        trafficRouting:
          managedRoutes:
          - name: set-header
          istio:
            virtualService:
              name: shr-vsvc
        steps:
        - setCanaryScale:
            replicas: 1
          setHeaderRoute:
            name: set-header
            match:
            - headerName: Custom-Header1
              headerValue:
                exact: Mozilla
        - pause: {}
        """));

    cluster.awaitStep("shr", 1, "Paused");
    String canary = cluster.rollout("shr").getStatus().updatedRevision;
    assertThat(cluster.replicaSet("shr", canary).getSpec().getReplicas()).isEqualTo(1);
    assertThat(httpRouteNames("shr-vsvc")).containsExactly("set-header", "primary");
    assertThat(httpRouteWeights("shr-vsvc", "primary").get(0)).as("the stable's weight")
        .isEqualTo(100);
  }

  @Test
  void nginxWeighsOutOfMaxTrafficWeight() {
    createStableAndCanaryServices("mtw");
    RouterFixtures.create(cluster.client, RouterFixtures.STABLE_INGRESS
        .replace("name: web,", "name: mtw-ingress,").replace("web-stable", "mtw-stable"));
    release(argoRollout("mtw", """
        canaryService: mtw-canary
        stableService: mtw-stable
        trafficRouting:
          maxTrafficWeight: 1000
          nginx:
            stableIngress: mtw-ingress
        steps:
        - setWeight: 500
        - pause: {}
        """));

    cluster.awaitStep("mtw", 1, "Paused");
    var canary = cluster.client.network().v1().ingresses().inNamespace(Cluster.NS)
        .withName("mtw-mtw-ingress-canary").get();
    assertThat(canary.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "500")
        .containsEntry("nginx.ingress.kubernetes.io/canary-weight-total", "1000");
    String revision = cluster.rollout("mtw").getStatus().updatedRevision;
    assertThat(cluster.replicaSet("mtw", revision).getSpec().getReplicas())
        .as("500 of 1000 is half of the 4 replicas").isEqualTo(2);
  }

  @Test
  void maxTrafficWeightWithARouterOtherThanNginxIsAnInvalidSpec() {
    createStableAndCanaryServices("mtws");
    cluster.create(argoRollout("mtws", """
        canaryService: mtws-canary
        stableService: mtws-stable
        trafficRouting:
          maxTrafficWeight: 1000
          smi: {}
        steps:
        - setWeight: 5
        """));

    assertThat(cluster.awaitPhase("mtws", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.trafficRouting.maxTrafficWeight: only NGINX Ingress weighs out of"
            + " a total other than 100 (as in Argo Rollouts); SMI weighs in percent");
  }

  /** The weights of an HTTP route's destinations, in order. */
  /** Argo Rollouts' documented mirror step: requests matching either entry are mirrored. */
  private static final String ARGO_MIRROR_STEPS = """
      steps:
      - setCanaryScale: {weight: 25}
      - setMirrorRoute:
          name: mirror-route
          percentage: 35
          match:
          - method:
              exact: GET
            path:
              prefix: /
          - path:
              regex: /
            headers:
              agent-1b:
                exact: firefox
      - pause: {}
      """;

  @Test
  void istioMirrorsTheRequestsMatchingAnyOfArgosMethodPathAndHeaderMatches() {
    createStableAndCanaryServices("mir");
    RouterFixtures.create(cluster.client, weighedVirtualService("mir-vsvc", "primary", "mir"));
    release(argoRollout("mir", """
        canaryService: mir-canary
        stableService: mir-stable
        trafficRouting:
          managedRoutes:
          - name: mirror-route
          istio:
            virtualService:
              name: mir-vsvc
        """ + ARGO_MIRROR_STEPS));

    cluster.awaitStep("mir", 2, "Paused");
    Map<String, Object> mirror = httpRoute("mir-vsvc", "mirror-route");
    assertThat(mirror.get("match")).isEqualTo(List.of(
        Map.of("method", Map.of("exact", "GET"), "uri", Map.of("prefix", "/")),
        Map.of("uri", Map.of("regex", "/"),
            "headers", Map.of("agent-1b", Map.of("exact", "firefox")))));
    assertThat(mirror.get("mirror")).isEqualTo(Map.of("host", "mir-canary"));
    assertThat(mirror.get("mirrorPercentage")).isEqualTo(Map.of("value", 35.0));
    assertThat(httpRouteNames("mir-vsvc")).containsExactly("mirror-route", "primary");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGatewayApiRouteMirrorsTheRequestsMatchingAnyOfArgosMethodPathAndHeaderMatches() {
    createStableAndCanaryServices("gmir");
    RouterFixtures.create(cluster.client, """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: gmir}
        spec:
          parentRefs: [{name: public}]
          rules:
          - backendRefs:
            - {name: gmir-stable, port: 80}
        """);
    release(argoRollout("gmir", """
        canaryService: gmir-canary
        stableService: gmir-stable
        trafficRouting:
          gatewayAPI:
            httpRoute: gmir
        """ + ARGO_MIRROR_STEPS));

    cluster.awaitStep("gmir", 2, "Paused");
    Map<String, Object> spec = (Map<String, Object>) cluster.client.genericKubernetesResources(
        RouterKind.HTTP_ROUTE.apiVersion(), RouterKind.HTTP_ROUTE.kind())
        .inNamespace(Cluster.NS).withName("gmir").get().getAdditionalProperties().get("spec");
    Map<String, Object> mirror = ((List<Map<String, Object>>) spec.get("rules")).get(0);
    assertThat(mirror.get("name")).isEqualTo("mirror-route");
    assertThat(mirror.get("matches")).isEqualTo(List.of(
        Map.of("path", Map.of("type", "PathPrefix", "value", "/"), "method", "GET"),
        Map.of("path", Map.of("type", "RegularExpression", "value", "/"), "headers",
            List.of(Map.of("name", "agent-1b", "type", "Exact", "value", "firefox")))));
    assertThat(mirror.get("filters")).isEqualTo(List.of(Map.of("type", "RequestMirror",
        "requestMirror", Map.of("backendRef", Map.of("name", "gmir-canary", "port", 80),
            "percent", 35))));
  }

  @Test
  void aGatewayApiMirrorMatchingAMethodOtherThanExactlyIsAnInvalidSpec() {
    createStableAndCanaryServices("gmm");
    cluster.create(argoRollout("gmm", """
        canaryService: gmm-canary
        stableService: gmm-stable
        trafficRouting:
          gatewayAPI:
            httpRoute: gmm
        steps:
        - setMirrorRoute:
            name: shadow
            percentage: 10
            match:
            - method: {regex: "GET|HEAD"}
        """));

    assertThat(cluster.awaitPhase("gmm", "Degraded").getStatus().message).contains(
        "spec.strategy.canary.steps[0].setMirrorRoute.match[0]: Gateway API matches a method"
            + " exactly only (use exact)");
  }

  @SuppressWarnings("unchecked")
  private List<Integer> httpRouteWeights(String virtualService, String route) {
    Map<String, Object> http = httpRoute(virtualService, route);
    return ((List<Map<String, Object>>) http.get("route")).stream()
        .map(destination -> ((Number) destination.get("weight")).intValue()).toList();
  }

  @SuppressWarnings("unchecked")
  private List<String> httpRouteNames(String virtualService) {
    Map<String, Object> spec = (Map<String, Object>) cluster.client.genericKubernetesResources(
        RouterKind.VIRTUAL_SERVICE.apiVersion(), RouterKind.VIRTUAL_SERVICE.kind())
        .inNamespace(Cluster.NS).withName(virtualService).get().getAdditionalProperties()
        .get("spec");
    return ((List<Map<String, Object>>) spec.get("http")).stream()
        .map(route -> (String) route.get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> httpRoute(String virtualService, String route) {
    Map<String, Object> spec = (Map<String, Object>) cluster.client.genericKubernetesResources(
        RouterKind.VIRTUAL_SERVICE.apiVersion(), RouterKind.VIRTUAL_SERVICE.kind())
        .inNamespace(Cluster.NS).withName(virtualService).get().getAdditionalProperties()
        .get("spec");
    return ((List<Map<String, Object>>) spec.get("http")).stream()
        .filter(r -> route.equals(r.get("name"))).findFirst().orElseThrow();
  }
}
