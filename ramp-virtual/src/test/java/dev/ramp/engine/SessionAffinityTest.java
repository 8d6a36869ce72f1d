package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.routing.SessionAffinity;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.RouterKind;
import org.junit.jupiter.api.Test;

/**
 * When the engine asks a router for a session affinity: while the canary has a share of the
 * requests, named after the canary's revision, and never before the first weight, at weight 0,
 * after promotion or after an abort.
 */
class SessionAffinityTest {
  private static final ObjectKey ROUTE = new ObjectKey(RouterKind.HTTP_ROUTE.apiVersion(),
      "HTTPRoute", "default", "checkout");

  private static World withAffinity(CanaryStep... steps) {
    World world = World.routed(rollout("checkout", 10, "demo:v1", steps));
    world.rollout.getSpec().strategy.canary.sessionAffinity = new SessionAffinity();
    world.rollout.getSpec().strategy.canary.sessionAffinity.cookieName = "canary-user";
    world.runUntilStable();
    return world;
  }

  @Test
  void theAffinityLastsWhileTheCanaryHasAShareAndGoesAtPromotion() {
    World world = withAffinity(CanaryStep.pause(null), CanaryStep.weight(10),
        CanaryStep.pause(null), CanaryStep.weight(0), CanaryStep.pause(null),
        CanaryStep.weight(40), CanaryStep.pause(null));
    ObjectNode asWritten = world.objects.get(ROUTE).deepCopy();
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    assertThat(world.router().routes()).as("no weight yet").isEmpty();

    world.promote();
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).isEqualTo(10);
    assertThat(world.router().routes()).containsExactly("session-affinity-" + v2);

    world.promote();
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).isZero();
    assertThat(world.router().routes()).as("weight 0").isEmpty();

    world.promote();
    world.runUntilStable();
    assertThat(world.router().routes()).containsExactly("session-affinity-" + v2);

    world.promote();
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.router().routes()).isEmpty();
    ((ObjectNode) asWritten.at("/spec/rules/0/backendRefs/0")).put("weight", 100);
    assertThat(world.objects.get(ROUTE).path("spec")).as("as written, all weight on stable")
        .isEqualTo(asWritten.path("spec"));
  }

  @Test
  void anAbortEndsTheAffinityAndANewRevisionGetsOneOfItsOwn() {
    World world = withAffinity(CanaryStep.weight(20), CanaryStep.pause(null));
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    assertThat(world.router().routes()).containsExactly("session-affinity-" + v2);

    world.setImage("demo:v3");
    world.runUntilStable();
    String v3 = world.status().updatedRevision;
    assertThat(world.router().routes()).as("v2's users are not v3's")
        .containsExactly("session-affinity-" + v3);

    world.status().abort = true;
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).isZero();
    assertThat(world.router().routes()).isEmpty();
  }
}
