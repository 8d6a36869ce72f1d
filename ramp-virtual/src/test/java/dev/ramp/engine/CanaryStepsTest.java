package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.SetCanaryScale;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A template change walks through the steps; each test follows one kind of step. */
class CanaryStepsTest {

  private static World deployed(int replicas, CanaryStep... steps) {
    World world = new World(rollout("checkout", replicas, "demo:v1", steps));
    world.runUntilStable();
    return world;
  }

  private static String stable(World world) {
    return world.status().stableRevision;
  }

  @Test
  void withoutARouterTheWeightIsTheCanarysShareOfThePods() {
    World world = deployed(5, CanaryStep.weight(20), CanaryStep.pause(null),
        CanaryStep.weight(60), CanaryStep.pause(null));
    String v1 = stable(world);

    world.setImage("demo:v2");
    world.runUntilStable();

    String v2 = world.status().updatedRevision;
    assertThat(v2).isNotEqualTo(v1);
    assertThat(world.rs(v2).replicas()).as("20% of 5 pods").isEqualTo(1);
    assertThat(world.rs(v1).replicas()).isEqualTo(4);
    assertThat(world.status().canary.weight).isEqualTo(20);
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.rs(v2).name()).isEqualTo("checkout-" + v2);

    world.promote();
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(3);
    assertThat(world.rs(v2).replicas()).as("60% of 5 pods").isEqualTo(3);
    assertThat(world.rs(v1).replicas()).isEqualTo(2);
  }

  @Test
  void withRoutingSetWeightSizesTheCanaryByCeilingAndKeepsStableFull() {
    World world = World.routed(rollout("checkout", 5, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null)));
    world.runUntilStable();
    String v1 = stable(world);

    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.rs(world.status().updatedRevision).replicas()).isEqualTo(1);
    assertThat(world.rs(v1).replicas()).isEqualTo(5);
    assertThat(world.status().canary.weight).isEqualTo(20);
  }

  @Test
  void aStepIsOnlyDoneWhenItsPodsAreAvailable() {
    World world = deployed(4, CanaryStep.weight(50), CanaryStep.pause(null));
    world.brokenImages = image -> image.equals("demo:v2");

    world.setImage("demo:v2");
    world.runUntilStable();

    String v2 = world.status().updatedRevision;
    assertThat(world.rs(v2).replicas()).isEqualTo(2);
    assertThat(world.status().currentStepIndex).isZero();
    assertThat(world.status().phase).isEqualTo("Progressing");
    assertThat(world.status().canary.weight).isZero();
    assertThat(world.status().message).contains("step 1/2 (setWeight 50)", "0/2 pods available");

    world.brokenImages = image -> false;
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.status().canary.weight).isEqualTo(50);
  }

  @Test
  void timedPauseWaitsForItsDurationThenTheRolloutCompletes() {
    World world = deployed(2, CanaryStep.weight(50), CanaryStep.pause("30s"));
    String v1 = stable(world);
    world.setImage("demo:v2");
    Plan plan = world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().pauseConditions).extracting(p -> p.reason)
        .containsExactly("CanaryPauseStep");
    assertThat(plan.requeueAfter()).isEqualTo(Duration.ofSeconds(30));

    world.advance(Duration.ofSeconds(29));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Paused");

    world.advance(Duration.ofSeconds(1));
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(stable(world)).isEqualTo(v2);
    assertThat(world.rs(v2).replicas()).isEqualTo(2);
    assertThat(world.rs(v1).replicas()).as("handed over to the canary pod by pod").isZero();
    assertThat(world.conditionStatus("Completed")).isEqualTo("True");
  }

  @Test
  void indefinitePauseWaitsForPromoteThenTheNextStepRuns() {
    World world = deployed(10, CanaryStep.weight(10), CanaryStep.pause(null),
        CanaryStep.weight(40), CanaryStep.pause(null));
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    world.advance(Duration.ofHours(5));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.status().message).contains("promote to continue");

    world.promote();
    world.runUntilStable();

    assertThat(world.status().currentStepIndex).isEqualTo(3);
    assertThat(world.rs(v2).replicas()).isEqualTo(4);
    assertThat(world.status().canary.weight).isEqualTo(40);
    assertThat(world.events).extracting(RolloutEvent::reason)
        .containsSubsequence("RolloutPaused", "RolloutStepCompleted", "RolloutStepCompleted",
            "RolloutPaused");
  }

  @Test
  void promoteFullSkipsTheRemainingSteps() {
    World world = deployed(3, CanaryStep.weight(10), CanaryStep.pause(null),
        CanaryStep.weight(50), CanaryStep.pause(null));
    world.setImage("demo:v2");
    world.runUntilStable();

    world.status().promoteFull = true;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(stable(world)).isEqualTo(world.status().updatedRevision);
    assertThat(world.status().promoteFull).isNull();
    assertThat(world.events).extracting(RolloutEvent::reason).contains("RolloutPromoted")
        .doesNotContain("NothingToPromote");
  }

  @Test
  void setCanaryScaleOverridesTheSizeUntilMatchTrafficWeight() {
    World world = World.routed(rollout("checkout", 10, "demo:v1",
        CanaryStep.weight(10),
        CanaryStep.scale(SetCanaryScale.replicas(3)),
        CanaryStep.pause(null),
        CanaryStep.weight(20),
        CanaryStep.pause(null),
        CanaryStep.scale(SetCanaryScale.weight(50)),
        CanaryStep.pause(null),
        CanaryStep.scale(SetCanaryScale.matchTrafficWeight()),
        CanaryStep.pause(null)));
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    assertThat(world.rs(v2).replicas()).isEqualTo(3);
    assertThat(world.status().canary.weight).isEqualTo(10);

    world.promote();
    world.runUntilStable();
    assertThat(world.rs(v2).replicas()).as("setWeight keeps the explicit scale").isEqualTo(3);
    assertThat(world.status().canary.weight).isEqualTo(20);

    world.promote();
    world.runUntilStable();
    assertThat(world.rs(v2).replicas()).isEqualTo(5);

    world.promote();
    world.runUntilStable();
    assertThat(world.rs(v2).replicas()).isEqualTo(2);
    assertThat(world.status().currentStepIndex).isEqualTo(8);
  }
}
