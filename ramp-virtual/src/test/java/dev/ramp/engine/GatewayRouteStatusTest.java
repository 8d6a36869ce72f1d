package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.RolloutCondition;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.RouterKind;
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
    world.create(RouterYaml.sharedGateway("gateway"));
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
    assertThat(world.status().conditions)
        .filteredOn(c -> c.type.equals(RolloutCondition.PROGRESSING)).singleElement().extracting(c -> c.message).asString().contains(NOT_ACCEPTED);
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

  /**
   * Until the gateway takes up Ramp's write, the step waits; the rollout's status does not say
   * so, or every write to a route would change it twice (a controller that restarted in the
   * middle of a promotion redid a step, wrote the route, and wrote a status it then had to redo).
   */
  @Test
  void aStatusForAnOlderGenerationOfTheRouteDoesNotCountNorChangeTheRolloutStatus() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null)));
    world.runUntilStable();
    world.setImage("demo:v2");
    world.reconcile();
    world.setAvailable(world.status().updatedRevision, 2);
    world.reconcile();
    assertThat(world.router().canaryWeight()).isEqualTo(20);
    String written = Json.write(world.status());

    // the gateway has not looked at the route since Ramp changed its weights
    for (int i = 0; i < 3; i++) {
      world.reconcile();
    }
    assertThat(world.status().currentStepIndex).isZero();
    assertThat(Json.write(world.status())).isEqualTo(written);
    assertThat(world.events).noneMatch(RolloutEvent::warning);

    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
  }

  @Test
  void aRouteNoGatewayHasAnsweredForIsWaitedForAndSaidSo() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null)));
    world.runUntilStable();
    ObjectNode route = world.objects.get(new ObjectKey(RouterKind.HTTP_ROUTE.apiVersion(),
        "HTTPRoute", "default", "checkout"));
    world.objects.putStatus(ObjectKey.of(route), JsonNodeFactory.instance.objectNode());
    world.setImage("demo:v2");
    world.reconcile();
    world.setAvailable(world.status().updatedRevision, 2);
    world.reconcile();
    world.reconcile();

    assertThat(world.status().currentStepIndex).isZero();
    assertThat(world.status().message).endsWith(
        "; waiting for Gateway \"gateway\" to accept HTTPRoute \"checkout\"");
  }
}
