package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import static dev.ramp.cluster.routing.RouterKind.HTTP_ROUTE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.NginxRouting;
import dev.ramp.api.routing.SetHeaderRoute;
import dev.ramp.api.routing.SetMirrorRoute;
import dev.ramp.api.routing.SmiRouting;
import dev.ramp.cluster.ObjectJson;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.RouterKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A canary whose share of requests a traffic router sets: the controller's own routers, editing
 * the router's objects in the virtual cluster.
 */
class TrafficRoutingTest {

  private static CanaryStep header(String name, String header, String value) {
    CanaryStep step = new CanaryStep();
    step.setHeaderRoute = new SetHeaderRoute();
    step.setHeaderRoute.name = name;
    step.setHeaderRoute.match = value == null ? null : List.of(new HeaderMatch(header, value));
    return step;
  }

  private static CanaryStep mirror(String name, Integer percentage) {
    CanaryStep step = new CanaryStep();
    step.setMirrorRoute = new SetMirrorRoute();
    step.setMirrorRoute.name = name;
    step.setMirrorRoute.percentage = percentage;
    return step;
  }

  private static final ObjectKey TRAFFIC_SPLIT = new ObjectKey(
      RouterKind.TRAFFIC_SPLIT.apiVersion(), "TrafficSplit", "default", "checkout");

  /**
   * The rule of the HTTPRoute named so (Ramp names the rules it adds after their route); null
   * names the unnamed rule the users wrote.
   */
  private static JsonNode rule(World world, String name) {
    ObjectNode route = world.objects.get(new ObjectKey(HTTP_ROUTE.apiVersion(), "HTTPRoute",
        "default", "checkout"));
    for (JsonNode rule : route.path("spec").path("rules")) {
      if (Objects.equals(name, rule.path("name").asText(null))) {
        return rule;
      }
    }
    throw new AssertionError("no rule " + name + " in " + route);
  }

  private static World routed(CanaryStep... steps) {
    World world = World.routed(rollout("checkout", 10, "demo:v1", steps));
    world.runUntilStable();
    return world;
  }

  @Test
  void theRouterGetsEachStepsWeightBeforeTheStepCounts() {
    World world = routed(CanaryStep.weight(5), CanaryStep.pause(null), CanaryStep.weight(40),
        CanaryStep.pause(null));
    world.setImage("demo:v2");
    world.reconcile();
    assertThat(world.router().canaryWeight()).as("no canary pods yet").isZero();
    world.settlePods();
    world.reconcile();

    assertThat(world.router().canaryWeight()).isEqualTo(5);
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.rs(world.status().updatedRevision).replicas()).isEqualTo(1);
    assertThat(world.rs(world.status().stableRevision).replicas()).as("stable keeps all its pods")
        .isEqualTo(10);

    world.promote();
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).isEqualTo(40);
    assertThat(world.status().currentStepIndex).isEqualTo(3);
  }

  @Test
  void aStepWaitsUntilTheRouterShowsItsWeight() {
    World world = routed(CanaryStep.weight(20), CanaryStep.pause(null));
    world.setImage("demo:v2");
    List<Action> dropped = new ArrayList<>();
    // a router that ignores weight changes: the step must not complete
    for (int i = 0; i < 5; i++) {
      Plan plan = RolloutEngine.decide(world.snapshot(), world.now);
      plan.actions().stream().filter(a -> a instanceof Action.SetTrafficWeight)
          .forEach(dropped::add);
      plan.actions().stream().filter(a -> !(a instanceof Action.SetTrafficWeight))
          .forEach(world::apply);
      world.rollout.setStatus(plan.status());
      world.settlePods();
    }
    assertThat(dropped).isNotEmpty();
    assertThat(world.status().currentStepIndex).isZero();

    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
  }

  @Test
  void withSeveralRoutersAStepCountsOnlyOnceEveryOneShowsItsWeight() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null)));
    var routing = world.rollout.getSpec().strategy.canary.trafficRouting;
    routing.smi = new SmiRouting();
    routing.smi.rootService = "checkout";
    routing.smi.trafficSplitName = "checkout";
    world.objects.installCrd(RouterKind.TRAFFIC_SPLIT.crdName());
    world.runUntilStable();
    world.setImage("demo:v2");

    // the TrafficSplit lags: something puts it back to all-stable after every decision
    for (int i = 0; i < 5; i++) {
      world.reconcile();
      world.settlePods();
      if (world.objects.get(TRAFFIC_SPLIT) == null) {
        continue; // made with the first weight above 0
      }
      world.objects.patch(TRAFFIC_SPLIT, ObjectJson.of(Map.of("spec", Map.of("backends", List.of(
          Map.of("service", "checkout-stable", "weight", 100),
          Map.of("service", "checkout-canary", "weight", 0))))));
    }
    assertThat(world.status().currentStepIndex).as("the HTTPRoute alone does not count").isZero();
    assertThat(world.plans.get(world.plans.size() - 1).actions()).as("sent to both again")
        .anySatisfy(action -> assertThat(action).isInstanceOfSatisfying(
            Action.SetTrafficWeight.class, weight -> assertThat(weight.weight()).isEqualTo(20)));

    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.router().canaryWeight()).isEqualTo(20);
    assertThat(world.objects.get(TRAFFIC_SPLIT).path("spec").path("backends").get(1)
        .path("weight").asInt()).isEqualTo(20);
    assertThat(rule(world, null).path("backendRefs").get(1).path("weight").asInt())
        .isEqualTo(20);

    world.status().abort = true;
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).as("both back on stable").isZero();
    assertThat(world.router().agreed()).isTrue();
  }

  @Test
  void atTheEndWeightGoesToZeroOnlyOnceTheStableServiceSelectsTheNewPods() {
    World world = routed(CanaryStep.weight(50));
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().stableRevision;

    List<String> order = new ArrayList<>();
    for (Plan plan : world.plans) {
      for (Action action : plan.actions()) {
        if (action instanceof Action.PinService pin && pin.service().equals("checkout-stable")) {
          order.add("stable service -> " + pin.hash());
        } else if (action instanceof Action.SetTrafficWeight weight) {
          order.add("weight " + weight.weight());
        }
      }
    }
    assertThat(order).containsSubsequence("weight 50", "stable service -> " + v2, "weight 0");
    assertThat(world.router().canaryWeight()).isZero();
  }

  @Test
  void abortSetsWeightZeroAtOnceAndKeepsTheCanaryForAbortScaleDownDelay() {
    World world = routed(CanaryStep.weight(30), CanaryStep.pause(null));
    world.rollout.getSpec().strategy.canary.abortScaleDownDelaySeconds = 20;
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;

    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.router().canaryWeight()).isZero();
    assertThat(world.rs(v2).replicas()).isEqualTo(3);
    world.advance(Duration.ofSeconds(20));
    world.runUntilStable();
    assertThat(world.rs(v2).replicas()).isZero();
  }

  @Test
  void headerAndMirrorRoutesLastUntilTheEnd() {
    World world = routed(CanaryStep.weight(10), header("beta", "x-beta", "1"),
        mirror("shadow", 20), CanaryStep.pause(null), header("beta", null, null),
        CanaryStep.pause(null), CanaryStep.weight(50));
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().currentStepIndex).isEqualTo(3);
    assertThat(world.router().routes()).containsOnly("beta", "shadow");
    assertThat(rule(world, "beta").path("matches").toString())
        .isEqualTo("[{\"headers\":[{\"name\":\"x-beta\",\"type\":\"Exact\",\"value\":\"1\"}]}]");
    assertThat(rule(world, "beta").path("backendRefs").findValuesAsText("name"))
        .containsExactly("checkout-canary");

    world.promote();
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(5);
    assertThat(world.router().routes()).containsOnly("shadow");

    world.promote();
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.router().routes()).isEmpty();
  }

  @Test
  void abortRemovesTheRoutes() {
    World world = routed(header("beta", "x-beta", "1"), CanaryStep.pause(null));
    world.setImage("demo:v2");
    world.runUntilStable();
    assertThat(world.router().routes()).containsOnly("beta");

    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.router().routes()).isEmpty();
  }

  @Test
  void istioSubsetsFollowTheRevisionsAndOnlyToAvailablePods() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(25),
        CanaryStep.pause(null)));
    var routing = world.rollout.getSpec().strategy.canary.trafficRouting;
    routing.gatewayAPI = null;
    routing.istio = new IstioRouting();
    routing.istio.virtualService = new IstioRouting.VirtualServiceRef();
    routing.istio.virtualService.name = "checkout";
    routing.istio.destinationRule = new IstioRouting.DestinationRuleRef();
    routing.istio.destinationRule.name = "checkout";
    routing.istio.destinationRule.stableSubsetName = "stable";
    routing.istio.destinationRule.canarySubsetName = "canary";
    world.objects.installCrd(RouterKind.VIRTUAL_SERVICE.crdName());
    world.objects.installCrd(RouterKind.DESTINATION_RULE.crdName());
    world.create("""
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: checkout, namespace: default}
        spec:
          hosts: [checkout]
          http:
            - route:
                - destination: {host: checkout, subset: stable}
                  weight: 100
                - destination: {host: checkout, subset: canary}
                  weight: 0
        """);
    world.create("""
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: checkout, namespace: default}
        spec:
          host: checkout
          subsets:
            - name: stable
            - name: canary
        """);
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    assertThat(world.router().stableHash()).isEqualTo(v1);
    assertThat(world.router().canaryHash()).isEqualTo(v1);

    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.router().canaryHash()).isEqualTo(world.status().updatedRevision);
    assertThat(world.router().stableHash()).isEqualTo(v1);
    assertThat(world.router().canaryWeight()).isEqualTo(25);
  }

  @Test
  void stepsARouterCannotDoAreAnInvalidSpecNamingIt() {
    World world = routed(mirror("shadow", 10));
    var routing = world.rollout.getSpec().strategy.canary.trafficRouting;
    routing.gatewayAPI = null;
    routing.nginx = new NginxRouting();
    routing.nginx.stableIngress = "checkout";
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Degraded");
    assertThat(world.status().message).contains(
        "spec.strategy.canary.steps[0]: NGINX Ingress cannot mirror traffic (setMirrorRoute)");
  }

  @Test
  void aMissingRouterObjectOrCrdIsAnInvalidSpec() {
    World world = routed(CanaryStep.weight(10));
    world.objects.uninstallCrd(RouterKind.HTTP_ROUTE.crdName());

    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Degraded");
    assertThat(world.status().message).contains("Gateway API CRDs are not installed");
  }
}
