package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import org.junit.jupiter.api.Test;

class ServicesTest {

  private static World withServices() {
    Rollout rollout = rollout("checkout", 3, "demo:v1", CanaryStep.weight(34),
        CanaryStep.pause(null));
    rollout.getSpec().strategy.canary.stableService = "checkout-stable";
    rollout.getSpec().strategy.canary.canaryService = "checkout-canary";
    World world = new World(rollout);
    world.addService("checkout-stable");
    world.addService("checkout-canary");
    return world;
  }

  @Test
  void servicesFollowTheRevisionsOnlyOnceTheyHaveAvailablePods() {
    World world = withServices();
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    assertThat(world.service("checkout-stable").pinnedHash()).isEqualTo(v1);
    assertThat(world.service("checkout-canary").pinnedHash()).isEqualTo(v1);

    world.brokenImages = image -> image.equals("demo:v2");
    world.setImage("demo:v2");
    world.runUntilStable();
    assertThat(world.service("checkout-canary").pinnedHash())
        .as("no available canary pods: the canary Service stays on stable").isEqualTo(v1);

    world.brokenImages = image -> false;
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    assertThat(world.service("checkout-canary").pinnedHash()).isEqualTo(v2);
    assertThat(world.service("checkout-stable").pinnedHash()).isEqualTo(v1);

    world.promote();
    world.runUntilStable();
    assertThat(world.service("checkout-stable").pinnedHash()).isEqualTo(v2);
    assertThat(world.service("checkout-canary").pinnedHash()).isEqualTo(v2);
  }

  @Test
  void abortMovesTheCanaryServiceBackToStable() {
    World world = withServices();
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();

    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.service("checkout-canary").pinnedHash()).isEqualTo(v1);
  }

  @Test
  void aMissingServiceIsAnInvalidSpecThatRecoversOnceItExists() {
    World world = withServices();
    world.deleteService("checkout-canary");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Degraded");
    assertThat(world.status().message).contains("Service \"checkout-canary\" does not exist");
    assertThat(world.conditionStatus("InvalidSpec")).isEqualTo("True");
    assertThat(world.replicaSets()).isEmpty();
    assertThat(world.events).filteredOn(RolloutEvent::warning).extracting(RolloutEvent::reason)
        .containsExactly("InvalidSpec");

    world.addService("checkout-canary");
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.conditionStatus("InvalidSpec")).isNull();
  }
}
