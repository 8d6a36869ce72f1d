package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.controller.routing.RouterKind;
import dev.ramp.controller.routing.TrafficRouter;
import dev.ramp.controller.routing.TrafficRouters;
import dev.ramp.engine.Action;
import dev.ramp.workloadsim.MockKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan's route changes reach the API server as one write of each object they change, and none
 * when they change nothing: an abort that sets the weight to 0 and removes a header and a mirror
 * route is one request, not three read-then-replace pairs.
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
    for (RouterKind kind : List.of(RouterKind.HTTP_ROUTE, RouterKind.VIRTUAL_SERVICE,
        RouterKind.DESTINATION_RULE)) {
      kubernetes.client.apiextensions().v1().customResourceDefinitions()
          .resource(kind.minimalCrd()).create();
    }
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
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = "web";
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
    create("""
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: web, namespace: default}
        spec:
          http:
            - name: primary
              route: [{destination: {host: web, subset: stable}, weight: 100}]
        """);
    create("""
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: web, namespace: default}
        spec:
          host: web
          subsets: [{name: stable, labels: {app: web}}, {name: canary, labels: {app: web}}]
        """);
    TrafficRouting routing = new TrafficRouting();
    routing.istio = new IstioRouting();
    routing.istio.virtualService = new IstioRouting.VirtualServiceRef();
    routing.istio.virtualService.name = "web";
    routing.istio.destinationRule = new IstioRouting.DestinationRuleRef();
    routing.istio.destinationRule.name = "web";
    routing.istio.destinationRule.stableSubsetName = "stable";
    routing.istio.destinationRule.canarySubsetName = "canary";
    TrafficRouter router = router(routing);

    assertThat(writes(() -> router.apply(rollout(routing), RELEASE)))
        .containsExactly("PUT destinationrules/web", "PUT virtualservices/web");
    assertThat(writes(() -> router.apply(rollout(routing), List.of(
        new Action.SetTrafficWeight(50, "v1", "v2")))))
        .as("the subsets stay where they are").containsExactly("PUT virtualservices/web");
    assertThat(router.read(rollout(routing)).canaryWeight()).isEqualTo(50);
    assertThat(router.read(rollout(routing)).canaryHash()).isEqualTo("v2");
  }

  private TrafficRouter router(TrafficRouting routing) {
    return TrafficRouters.of(kubernetes.client, rollout(routing)).orElseThrow();
  }

  private static Rollout rollout(TrafficRouting routing) {
    Rollout rollout = Rollouts.canary("web", 2, "demo:v1");
    rollout.getSpec().strategy.canary.stableService = "web-stable";
    rollout.getSpec().strategy.canary.canaryService = "web-canary";
    rollout.getSpec().strategy.canary.trafficRouting = routing;
    return rollout;
  }

  private void create(String yaml) {
    GenericKubernetesResource object =
        new KubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    kubernetes.client.genericKubernetesResources(object.getApiVersion(), object.getKind())
        .inNamespace("default").resource(object).create();
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
