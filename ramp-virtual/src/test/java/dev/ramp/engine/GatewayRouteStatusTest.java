package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.RolloutCondition;
import org.junit.jupiter.api.Test;

/**
 * A Gateway API route's weights count only once its gateway reports, in the route's
 * {@code status.parents}, that it accepts the route's current generation.
 */
class GatewayRouteStatusTest {
  private static final String NOT_ACCEPTED = "HTTPRoute \"checkout\" is not accepted by Gateway"
      + " \"gateway\": no listener of Gateway \"gateway\" allows routes from namespace"
      + " \"default\"";

  /** The Gateway the route names, taking routes only from namespaces labelled so. */
  private static void addSharedGateway(World world) {
    world.create("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gateway, namespace: default}
        spec:
          gatewayClassName: example
          listeners:
            - name: http
              protocol: HTTP
              port: 80
              allowedRoutes:
                namespaces:
                  from: Selector
                  selector: {matchLabels: {shared-gateway-access: "true"}}
        """);
  }

  @Test
  void aStepWaitsWhileTheGatewayRejectsTheRouteAndGoesOnOnceItAccepts() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null)));
    world.runUntilStable();
    addSharedGateway(world);
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.router().canaryWeight()).as("Ramp did set the weight").isEqualTo(20);
    assertThat(world.status().currentStepIndex).isZero();
    assertThat(world.status().phase).isEqualTo("Progressing");
    assertThat(world.status().message).endsWith("; " + NOT_ACCEPTED);
    assertThat(world.status().conditions).filteredOn(c -> c.type.equals(RolloutCondition.PROGRESSING))
        .singleElement().extracting(c -> c.message).asString().contains(NOT_ACCEPTED);
    assertThat(world.events).filteredOn(RolloutEvent::warning)
        .containsExactly(RolloutEvent.warning("RouteNotAccepted", NOT_ACCEPTED));

    world.create("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: default
          labels: {shared-gateway-access: "true"}
        """);
    world.runUntilStable();

    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.status().message).doesNotContain("accept");
  }

  @Test
  void aStatusForAnOlderGenerationOfTheRouteDoesNotCount() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null)));
    world.runUntilStable();
    world.setImage("demo:v2");
    world.reconcile();
    world.setAvailable(world.status().updatedRevision, 2);
    world.reconcile();
    assertThat(world.router().canaryWeight()).isEqualTo(20);

    // the gateway has not looked at the route since Ramp changed its weights
    for (int i = 0; i < 3; i++) {
      world.reconcile();
    }
    assertThat(world.status().currentStepIndex).isZero();
    assertThat(world.status().message).endsWith("; waiting for Gateway \"gateway\" to accept"
        + " generation 2 of HTTPRoute \"checkout\"");
    assertThat(world.events).noneMatch(RolloutEvent::warning);

    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
  }
}
