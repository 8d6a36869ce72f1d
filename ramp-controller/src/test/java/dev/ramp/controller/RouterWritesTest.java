package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.cluster.routing.TrafficRouter;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.controller.kube.KubernetesObjects;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterYaml;
import dev.ramp.workloadsim.MockKubernetes;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan's route changes reach the API server as one write of each object they change, and none
 * when they change nothing, for every router: an abort that sets the weight to 0 and removes a
 * header and a mirror route is one request, not three read-then-replace pairs.
 */
class RouterWritesTest {
  private static final List<Action.RouteChange> RELEASE = List.of(
      new Action.SetTrafficWeight(20, "v1", "v2"),
      new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1"))),
      new Action.SetMirrorRoute("shadow", 30, List.of()));
  private static final List<Action.RouteChange> ABORT = List.of(
      new Action.SetTrafficWeight(0, "v1", "v2"),
      new Action.RemoveRoute("beta"),
      new Action.RemoveRoute("shadow"));

  private MockKubernetes kubernetes;

  @BeforeEach
  void start() {
    kubernetes = MockKubernetes.start();
    RouterFixtures.installCrds(kubernetes.client, RouterKind.HTTP_ROUTE,
        RouterKind.VIRTUAL_SERVICE, RouterKind.DESTINATION_RULE);
  }

  @AfterEach
  void stop() {
    kubernetes.close();
  }

  @Test
  void anHttpRouteIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    create("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: default}
        spec:
          rules:
            - matches: [{path: {type: PathPrefix, value: /static}}]
              backendRefs: [{name: static, port: 80}]
            - backendRefs: [{name: web-stable, port: 80}]
        """);
    TrafficRouting routing = RouterFixtures.gatewayApi("web");
    TrafficRouter router = router(routing);

    assertThat(writes(() -> router.apply(rollout(routing), RELEASE)))
        .containsExactly("PUT httproutes/web");
    assertThat(writes(() -> router.apply(rollout(routing), RELEASE))).as("already so").isEmpty();
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(router.read(rollout(routing)).routes()).contains("beta", "shadow");

    assertThat(writes(() -> router.apply(rollout(routing), ABORT)))
        .containsExactly("PUT httproutes/web");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
    assertThat(router.read(rollout(routing)).routes()).isEmpty();
  }

  @Test
  void aSubsetSplitWritesItsDestinationRuleOnlyWhenTheSubsetsMove() {
    create(webVirtualService("{name: primary, route: [{destination: {host: web, subset: stable},"
        + " weight: 100}]}"));
    create("""
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: web, namespace: default}
        spec:
          host: web
          subsets: [{name: stable, labels: {app: web}}, {name: canary, labels: {app: web}}]
        """);
    TrafficRouting routing = RouterFixtures.istioSubsets("web");
    TrafficRouter router = router(routing);

    assertThat(writes(() -> router.apply(rollout(routing), RELEASE)))
        .containsExactly("PUT destinationrules/web", "PUT virtualservices/web");
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(50, "v1", "v2")))))
        .as("the subsets stay where they are").containsExactly("PUT virtualservices/web");
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(50);
    assertThat(router.read(rollout(routing)).canaryHash()).isEqualTo("v2");
  }

  @Test
  void theNginxCanaryIngressIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    create(RouterFixtures.STABLE_INGRESS);
    TrafficRouting routing = RouterFixtures.nginx();
    TrafficRouter router = router(routing);
    List<Action.RouteChange> release = List.of(new Action.SetTrafficWeight(20, "v1", "v2"),
        new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1"))));

    assertThat(writes(() -> router.apply(rollout(routing), release)))
        .as("the canary Ingress is made with both").containsExactly("POST default/ingresses");
    assertThat(writes(() -> router.apply(rollout(routing), release))).as("already so").isEmpty();
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(router.read(rollout(routing)).routes()).containsExactly("beta");

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"), new Action.RemoveRoute("beta")))))
        .containsExactly("PUT ingresses/web-web-canary");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
    assertThat(router.read(rollout(routing)).routes()).isEmpty();
  }

  /** The first weight with a session affinity and its end: one write each, as for routes. */
  @Test
  void aSessionAffinityIsWrittenWithTheWeightsInOneWritePerPlan() {
    create(webVirtualService("{route: [{destination: {host: web-stable}, weight: 100}]}"));
    create(RouterFixtures.STABLE_INGRESS);
    TrafficRouting istio = new TrafficRouting();
    istio.istio = new IstioRouting();
    istio.istio.virtualService = new IstioRouting.VirtualServiceRef();
    istio.istio.virtualService.name = "web";
    Action.SetSessionAffinity affinity =
        new Action.SetSessionAffinity("session-affinity-v2", "canary-user", "v2", 600);
    List<Action.RouteChange> release = List.of(new Action.SetTrafficWeight(20, "v1", "v2"),
        affinity);
    List<Action.RouteChange> abort = List.of(new Action.SetTrafficWeight(0, "v1", "v2"),
        new Action.RemoveRoute(affinity.name()));

    for (TrafficRouting routing : List.of(istio, RouterFixtures.nginx())) {
      TrafficRouter router = router(routing);
      String object = routing.istio != null ? "virtualservices/web" : "ingresses/web-web-canary";
      assertThat(writes(() -> router.apply(rollout(routing), release))).as(object)
          .containsExactly(routing.istio != null ? "PUT " + object : "POST default/ingresses");
      assertThat(writes(() -> router.apply(rollout(routing), release))).as("already so")
          .isEmpty();
      assertThat(router.read(rollout(routing)).routes()).containsExactly(affinity.name());

      assertThat(writes(() -> router.apply(rollout(routing), abort)))
          .containsExactly("PUT " + object);
      assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
      assertThat(router.read(rollout(routing)).routes()).isEmpty();
    }
  }

  @Test
  void anSmiTrafficSplitIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    RouterFixtures.installCrds(kubernetes.client, RouterKind.TRAFFIC_SPLIT);
    TrafficRouting routing = RouterFixtures.smi();
    TrafficRouter router = router(routing);

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(10, "v1", "v2"), new Action.SetTrafficWeight(20, "v1", "v2")))))
        .as("the split is made with the last weight").containsExactly("POST default/trafficsplits");
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(20, "v1", "v2"), new Action.RemoveRoute("beta")))))
        .as("already so").isEmpty();
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"))))).containsExactly("PUT trafficsplits/web");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
  }

  @Test
  void everyAlbIngressIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    create(RouterFixtures.ALB_INGRESS);
    create(RouterYaml.albIngress("web-alb-internal", "web-stable"));
    TrafficRouting routing = RouterFixtures.alb();
    routing.alb.ingress = null;
    routing.alb.ingresses = List.of("web-alb", "web-alb-internal");
    TrafficRouter router = router(routing);
    List<Action.RouteChange> release = List.of(new Action.SetTrafficWeight(10, "v1", "v2"),
        new Action.SetTrafficWeight(20, "v1", "v2"),
        new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1"))));

    assertThat(writes(() -> router.apply(rollout(routing), release)))
        .containsExactly("PUT ingresses/web-alb", "PUT ingresses/web-alb-internal");
    assertThat(writes(() -> router.apply(rollout(routing), release))).as("already so").isEmpty();
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(router.read(rollout(routing)).routes()).containsExactly("beta");

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"), new Action.RemoveRoute("beta")))))
        .containsExactly("PUT ingresses/web-alb", "PUT ingresses/web-alb-internal");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
    assertThat(router.read(rollout(routing)).routes()).isEmpty();
  }

  @Test
  void theSkipperCanaryIngressIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    create(RouterFixtures.STABLE_INGRESS);
    TrafficRouting routing = RouterFixtures.skipper();
    TrafficRouter router = router(routing);
    List<Action.RouteChange> release = List.of(new Action.SetTrafficWeight(10, "v1", "v2"),
        new Action.SetTrafficWeight(20, "v1", "v2"));

    assertThat(writes(() -> router.apply(rollout(routing), release)))
        .as("the canary Ingress is made with the last weight")
        .containsExactly("POST default/ingresses");
    assertThat(writes(() -> router.apply(rollout(routing), release))).as("already so").isEmpty();
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"), new Action.RemoveRoute("beta")))))
        .containsExactly("PUT ingresses/web-web-canary");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
  }

  @Test
  void anApisixRouteIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    RouterFixtures.installCrds(kubernetes.client, RouterKind.APISIX_ROUTE);
    create(RouterFixtures.APISIX_ROUTE);

    aHeaderRouteRouterWritesOncePerPlan(RouterFixtures.apisix(), "PUT apisixroutes/web");
  }

  @Test
  void aGlooRouteTableIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    RouterFixtures.installCrds(kubernetes.client, RouterKind.GLOO_ROUTE_TABLE);
    create(RouterFixtures.GLOO_ROUTE_TABLE);

    aHeaderRouteRouterWritesOncePerPlan(RouterFixtures.gloo(), "PUT routetables/web");
  }

  @Test
  void aTraefikServiceIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    RouterFixtures.installCrds(kubernetes.client, RouterKind.TRAEFIK_SERVICE);
    create(RouterFixtures.TRAEFIK_SERVICE);
    TrafficRouting routing = RouterFixtures.traefik();
    TrafficRouter router = router(routing);

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(10, "v1", "v2"), new Action.SetTrafficWeight(20, "v1", "v2")))))
        .containsExactly("PUT traefikservices/web");
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(20, "v1", "v2"), new Action.RemoveRoute("beta")))))
        .as("already so").isEmpty();
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"))))).containsExactly("PUT traefikservices/web");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
  }

  @Test
  void anHttpProxyIsWrittenOncePerPlanAndNotAtAllWhenNothingChanges() {
    RouterFixtures.installCrds(kubernetes.client, RouterKind.HTTP_PROXY);
    create(RouterFixtures.HTTP_PROXY);
    TrafficRouting routing = RouterFixtures.contour();
    TrafficRouter router = router(routing);
    List<Action.RouteChange> release = List.of(new Action.SetTrafficWeight(20, "v1", "v2"),
        new Action.SetMirrorRoute("shadow", 30, List.of()));

    assertThat(writes(() -> router.apply(rollout(routing), release)))
        .containsExactly("PUT httpproxies/web");
    assertThat(writes(() -> router.apply(rollout(routing), release))).as("already so").isEmpty();
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(router.read(rollout(routing)).routes()).containsExactly("shadow");

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"), new Action.RemoveRoute("shadow")))))
        .containsExactly("PUT httpproxies/web");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
    assertThat(router.read(rollout(routing)).routes()).isEmpty();
  }

  @Test
  void theCanaryMappingIsWrittenOncePerPlanAndDeletedAtWeightZero() {
    RouterFixtures.installCrds(kubernetes.client, RouterKind.MAPPING);
    create(RouterFixtures.MAPPING);
    TrafficRouting routing = RouterFixtures.ambassador();
    TrafficRouter router = router(routing);

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(10, "v1", "v2"), new Action.SetTrafficWeight(20, "v1", "v2")))))
        .as("made with the last weight").containsExactly("POST default/mappings");
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(20, "v1", "v2"))))).as("already so").isEmpty();
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(50, "v1", "v2"))))).containsExactly("PUT mappings/web-canary");
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"))))).containsExactly("DELETE mappings/web-canary");
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"))))).as("already gone").isEmpty();
  }

  /** For a router with header routes and no mirrors, writing one object. */
  private void aHeaderRouteRouterWritesOncePerPlan(TrafficRouting routing, String write) {
    TrafficRouter router = router(routing);
    List<Action.RouteChange> release = List.of(new Action.SetTrafficWeight(20, "v1", "v2"),
        new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1"))));

    assertThat(writes(() -> router.apply(rollout(routing), release))).containsExactly(write);
    assertThat(writes(() -> router.apply(rollout(routing), release))).as("already so").isEmpty();
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(20);
    assertThat(router.read(rollout(routing)).routes()).containsExactly("beta");

    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(0, "v1", "v2"), new Action.RemoveRoute("beta")))))
        .containsExactly(write);
    assertThat(router.read(rollout(routing)).canaryWeight()).isZero();
    assertThat(router.read(rollout(routing)).routes()).isEmpty();
  }

  private TrafficRouter router(TrafficRouting routing) {
    return TrafficRouters.of(new KubernetesObjects(kubernetes.client), rollout(routing))
        .orElseThrow();
  }

  private static Rollout rollout(TrafficRouting routing) {
    return RouterFixtures.routed("web", routing);
  }

  /** VirtualService {@code web} with the one HTTP route, written in YAML's flow style. */
  private static String webVirtualService(String httpRoute) {
    return """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: web, namespace: default}
        spec:
          http: [%s]
        """.formatted(httpRoute);
  }

  private void create(String yaml) {
    RouterFixtures.create(kubernetes.client, yaml);
  }

  /** The writes {@code action} makes, as "METHOD plural/name". */
  private List<String> writes(Runnable action) {
    requests(); // forget those before
    action.run();
    return requests().stream().filter(r -> !r.getMethod().equals("GET"))
        .map(r -> {
          String[] path = r.getPath().split("\\?")[0].split("/");
          return r.getMethod() + " " + path[path.length - 2] + "/" + path[path.length - 1];
        })
        .toList();
  }

  private List<RecordedRequest> requests() {
    return kubernetes.takeRequests();
  }
}
