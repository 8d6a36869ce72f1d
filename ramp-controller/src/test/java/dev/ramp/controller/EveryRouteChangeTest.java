package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.cluster.routing.RouterProblem;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.controller.kube.KubernetesObjects;
import dev.ramp.engine.Action;
import dev.ramp.engine.EveryAction;
import dev.ramp.workloadsim.MockKubernetes;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every router applies every route change the engine can plan, or refuses it with a {@link
 * RouterProblem} the user is shown (SMI has no header routes, say): a route change added to
 * {@link Action} that a router's chain does not know fails this test.
 */
class EveryRouteChangeTest {
  private static final String HTTP_ROUTE = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: web, namespace: default}
      spec:
        rules:
          - backendRefs: [{name: web-stable, port: 80}]
      """;
  private static final String VIRTUAL_SERVICE = """
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata: {name: web, namespace: default}
      spec:
        http:
          - name: primary
            route: [{destination: {host: web, subset: stable}, weight: 100}]
      """;
  private static final String DESTINATION_RULE = """
      apiVersion: networking.istio.io/v1beta1
      kind: DestinationRule
      metadata: {name: web, namespace: default}
      spec:
        host: web
        subsets: [{name: stable, labels: {app: web}}, {name: canary, labels: {app: web}}]
      """;

  /** Each router's routing, with the objects it edits. */
  private static final Map<String, Supplier<TrafficRouting>> ROUTERS = Map.ofEntries(
      Map.entry("Gateway API", () -> RouterFixtures.gatewayApi("web")),
      Map.entry("Istio", () -> RouterFixtures.istioSubsets("web")),
      Map.entry("NGINX", RouterFixtures::nginx),
      Map.entry("SMI", RouterFixtures::smi),
      Map.entry("AWS ALB", RouterFixtures::alb),
      Map.entry("Skipper", RouterFixtures::skipper),
      Map.entry("Apache APISIX", RouterFixtures::apisix),
      Map.entry("Gloo Edge", RouterFixtures::gloo),
      Map.entry("Traefik", RouterFixtures::traefik),
      Map.entry("Contour", RouterFixtures::contour),
      Map.entry("Ambassador", RouterFixtures::ambassador));

  @TestFactory
  Stream<DynamicTest> everyRouterHandlesEveryRouteChange() {
    List<Action.RouteChange> changes = EveryAction.routeChanges();
    assertThat(changes).isNotEmpty();
    return ROUTERS.keySet().stream().sorted().flatMap(router -> changes.stream().map(change ->
        DynamicTest.dynamicTest(router + ": " + change.getClass().getSimpleName(), () -> {
          try (MockKubernetes kubernetes = withRouterObjects()) {
            Rollout rollout = RouterFixtures.routed(EveryAction.NAME, ROUTERS.get(router).get());

            Throwable thrown = catchThrowable(() -> TrafficRouters
                .of(new KubernetesObjects(kubernetes.client), rollout).orElseThrow().apply(rollout, List.of(change)));

            assertThat(thrown).as("applied, or refused with a problem the user is shown")
                .satisfiesAnyOf(t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(RouterProblem.class));
          }
        })));
  }

  private static MockKubernetes withRouterObjects() {
    MockKubernetes kubernetes = MockKubernetes.start();
    RouterFixtures.installCrds(kubernetes.client, RouterKind.HTTP_ROUTE,
        RouterKind.VIRTUAL_SERVICE, RouterKind.DESTINATION_RULE, RouterKind.TRAFFIC_SPLIT,
        RouterKind.APISIX_ROUTE, RouterKind.GLOO_ROUTE_TABLE, RouterKind.TRAEFIK_SERVICE,
        RouterKind.HTTP_PROXY, RouterKind.MAPPING);
    for (String yaml : List.of(HTTP_ROUTE, VIRTUAL_SERVICE, DESTINATION_RULE,
        RouterFixtures.STABLE_INGRESS, RouterFixtures.ALB_INGRESS, RouterFixtures.APISIX_ROUTE,
        RouterFixtures.GLOO_ROUTE_TABLE, RouterFixtures.TRAEFIK_SERVICE, RouterFixtures.HTTP_PROXY,
        RouterFixtures.MAPPING)) {
      RouterFixtures.create(kubernetes.client, yaml);
    }
    return kubernetes;
  }
}
