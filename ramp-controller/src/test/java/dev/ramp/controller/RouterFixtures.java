package dev.ramp.controller;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.ApisixRouting;
import dev.ramp.api.routing.AmbassadorRouting;
import dev.ramp.api.routing.ContourRouting;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.GlooRouting;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.NginxRouting;
import dev.ramp.api.routing.SkipperRouting;
import dev.ramp.api.routing.SmiRouting;
import dev.ramp.api.routing.TraefikRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.engine.RouterYaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Router objects and routed rollouts for the tests that drive routers and the actuator against a
 * mock API server directly, without a controller.
 */
public final class RouterFixtures {
  private RouterFixtures() {}

  /** Installs the routers' CRDs (minimal ones, as where the real CRDs are not installed). */
  public static void installCrds(KubernetesClient client, RouterKind... kinds) {
    for (RouterKind kind : kinds) {
      client.apiextensions().v1().customResourceDefinitions().resource(kind.minimalCrd())
          .create();
    }
  }

  /** Creates the object the YAML describes, in namespace default unless it names one. */
  public static void create(KubernetesClient client, String yaml) {
    GenericKubernetesResource object =
        new KubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    client.genericKubernetesResources(object.getApiVersion(), object.getKind())
        .inNamespace(Cluster.NS).resource(object).create();
  }

  /** Rollout {@code name} with Services {@code web-stable} and {@code web-canary}, routed so. */
  public static Rollout routed(String name, TrafficRouting routing) {
    Rollout rollout = Rollouts.canary(name, 2, "demo:v1");
    rollout.getSpec().strategy.canary.stableService = "web-stable";
    rollout.getSpec().strategy.canary.canaryService = "web-canary";
    rollout.getSpec().strategy.canary.trafficRouting = routing;
    return rollout;
  }

  public static TrafficRouting gatewayApi(String httpRoute) {
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = httpRoute;
    return routing;
  }

  /** Istio with subsets {@code stable} and {@code canary} of DestinationRule {@code name}. */
  public static TrafficRouting istioSubsets(String name) {
    TrafficRouting routing = new TrafficRouting();
    routing.istio = new IstioRouting();
    routing.istio.virtualService = new IstioRouting.VirtualServiceRef();
    routing.istio.virtualService.name = name;
    routing.istio.destinationRule = new IstioRouting.DestinationRuleRef();
    routing.istio.destinationRule.name = name;
    routing.istio.destinationRule.stableSubsetName = "stable";
    routing.istio.destinationRule.canarySubsetName = "canary";
    return routing;
  }

  /** Ingress {@code web} to the Service {@code web-stable}, as ingress-nginx users write one. */
  public static final String STABLE_INGRESS = """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: default}
      spec:
        rules:
          - host: web.example.com
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend: {service: {name: web-stable, port: {number: 80}}}
      """;

  /** ingress-nginx with the stable Ingress {@code web}. */
  public static TrafficRouting nginx() {
    TrafficRouting routing = new TrafficRouting();
    routing.nginx = new NginxRouting();
    routing.nginx.stableIngress = "web";
    return routing;
  }

  /** ApisixRoute {@code web}: one rule to the Service {@code web-stable}, no weights. */
  public static final String APISIX_ROUTE = """
      apiVersion: apisix.apache.org/v2
      kind: ApisixRoute
      metadata: {name: web, namespace: default}
      spec:
        http:
          - name: web
            match: {paths: ["/*"]}
            backends: [{serviceName: web-stable, servicePort: 80}]
      """;

  /** Apache APISIX with the ApisixRoute {@code web}. */
  public static TrafficRouting apisix() {
    TrafficRouting routing = new TrafficRouting();
    routing.apisix = new ApisixRouting();
    routing.apisix.route = new ApisixRouting.Route();
    routing.apisix.route.name = "web";
    return routing;
  }

  /**
   * RouteTable {@code web}: one route to the Upstream Gloo's discovery makes for port 80 of the
   * Service {@code web-stable}, as Flagger writes one.
   */
  public static final String GLOO_ROUTE_TABLE = """
      apiVersion: gateway.solo.io/v1
      kind: RouteTable
      metadata: {name: web, namespace: default}
      spec:
        routes:
          - matchers: [{prefix: /}]
            routeAction:
              multi:
                destinations:
                  - destination: {upstream: {name: default-web-stable-80, namespace: gloo-system}}
                    weight: 100
      """;

  /** Gloo Edge with the RouteTable {@code web}. */
  public static TrafficRouting gloo() {
    TrafficRouting routing = new TrafficRouting();
    routing.gloo = new GlooRouting();
    routing.gloo.routeTable = "web";
    return routing;
  }

  /** SMI with the root Service and TrafficSplit {@code web}. */
  public static TrafficRouting smi() {
    TrafficRouting routing = new TrafficRouting();
    routing.smi = new SmiRouting();
    routing.smi.rootService = "web";
    routing.smi.trafficSplitName = "web";
    return routing;
  }

  /** Ingress {@code web-alb} whose rule sends {@code /} to the action {@code web-stable}. */
  public static final String ALB_INGRESS = RouterYaml.albIngress("web-alb", "web-stable");

  /** AWS ALB with the Ingress {@code web-alb} and service port 80. */
  public static TrafficRouting alb() {
    TrafficRouting routing = new TrafficRouting();
    routing.alb = new AlbRouting();
    routing.alb.ingress = "web-alb";
    routing.alb.servicePort = 80;
    return routing;
  }

  /** Skipper with the Ingress {@code web}. */
  public static TrafficRouting skipper() {
    TrafficRouting routing = new TrafficRouting();
    routing.skipper = new SkipperRouting();
    routing.skipper.ingress = "web";
    return routing;
  }

  /** TraefikService {@code web} weighing the Service {@code web-stable} alone. */
  public static final String TRAEFIK_SERVICE = """
      apiVersion: traefik.io/v1alpha1
      kind: TraefikService
      metadata: {name: web, namespace: default}
      spec:
        weighted:
          services:
            - name: web-stable
              port: 80
      """;

  /** Traefik with the weighted TraefikService {@code web}. */
  public static TrafficRouting traefik() {
    TrafficRouting routing = new TrafficRouting();
    routing.traefik = new TraefikRouting();
    routing.traefik.weightedTraefikServiceName = "web";
    return routing;
  }

  /** HTTPProxy {@code web} sending everything to the Service {@code web-stable}. */
  public static final String HTTP_PROXY = """
      apiVersion: projectcontour.io/v1
      kind: HTTPProxy
      metadata: {name: web, namespace: default}
      spec:
        virtualhost: {fqdn: web.example.com}
        routes:
          - conditions: [{prefix: /}]
            services: [{name: web-stable, port: 80}]
      """;

  /** Contour with the HTTPProxy {@code web}. */
  public static TrafficRouting contour() {
    return contour("web");
  }

  /** Contour with the HTTPProxies. */
  public static TrafficRouting contour(String... proxies) {
    TrafficRouting routing = new TrafficRouting();
    routing.contour = new ContourRouting();
    routing.contour.httpProxies = List.of(proxies);
    return routing;
  }

  /** Mapping {@code web} of /web/ to the Service {@code web-stable}. */
  public static final String MAPPING = """
      apiVersion: getambassador.io/v3alpha1
      kind: Mapping
      metadata: {name: web, namespace: default}
      spec:
        hostname: "*"
        prefix: /web/
        service: web-stable:80
      """;

  /** Emissary-ingress / Ambassador with the Mapping {@code web}. */
  public static TrafficRouting ambassador() {
    TrafficRouting routing = new TrafficRouting();
    routing.ambassador = new AmbassadorRouting();
    routing.ambassador.mappings = List.of("web");
    return routing;
  }
}
