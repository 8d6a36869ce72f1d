package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Templates changing while a rollout runs, and what happens to the old ReplicaSets. */
class RevisionChangesTest {

  private static World midRollout() {
    return World.updatingToV2(rollout("checkout", 4, "demo:v1",
        CanaryStep.weight(25), CanaryStep.pause(null), CanaryStep.weight(75),
        CanaryStep.pause(null)));
  }

  @Test
  void aNewVersionMidRolloutRestartsTheStepsAndScalesTheHalfRolledOneDown() {
    World world = midRollout();
    world.promote();
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    String v2 = world.status().updatedRevision;
    assertThat(world.status().currentStepIndex).isEqualTo(3);

    world.setImage("demo:v3");
    world.runUntilStable();

    String v3 = world.status().updatedRevision;
    assertThat(v3).isNotIn(v1, v2);
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.rs(v2).replicas()).isZero();
    assertThat(world.rs(v3).replicas()).isEqualTo(1);
    assertThat(world.rs(v1).replicas()).as("25% of 4 pods on v3").isEqualTo(3);
    assertThat(world.status().stableRevision).isEqualTo(v1);
  }

  @Test
  void goodThenBadThenGood() {
    World world = midRollout();
    String v1 = world.status().stableRevision;
    world.setImage("demo:v3-broken");
    world.runUntilStable();
    String bad = world.status().updatedRevision;
    assertThat(world.status().currentStepIndex).isZero();
    assertThat(world.rs(bad).availableReplicas()).isZero();

    world.setImage("demo:v4");
    world.runUntilStable();

    assertThat(world.rs(bad).replicas()).isZero();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.status().stableRevision).isEqualTo(v1);
  }

  @Test
  void badThenBadKeepsStableAvailableAndNeverRoutesToTheBrokenPods() {
    World world = new World(rollout("checkout", 4, "demo:v1",
        CanaryStep.weight(25), CanaryStep.pause(null)));
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2-broken");
    world.runUntilStable();
    world.setImage("demo:v3-broken");
    world.runUntilStable();

    assertThat(world.rs(v1).replicas()).as("4 - maxUnavailable (25%)").isEqualTo(3);
    assertThat(world.rs(v1).availableReplicas()).isEqualTo(3);
    assertThat(world.status().canary.weight).isZero();
    assertThat(world.plans).allMatch(p -> p.status().canary == null
        || p.status().canary.weight == 0);
    assertThat(world.replicaSets()).filteredOn(rs -> rs.replicas() > 0).hasSize(2);
  }

  @Test
  void goingBackToTheStableTemplateSkipsTheSteps() {
    World world = midRollout();
    String v1 = world.status().stableRevision;
    String v2 = world.status().updatedRevision;

    world.setImage("demo:v1");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().updatedRevision).isEqualTo(v1);
    assertThat(world.rs(v2).replicas()).isZero();
    assertThat(world.events).extracting(RolloutEvent::message)
        .anyMatch(m -> m.contains("back to stable revision " + v1));
  }

  @Test
  void withARouterThePreviousStableKeepsRunningForScaleDownDelaySeconds() {
    World world = World.routed(rollout("checkout", 3, "demo:v1", CanaryStep.weight(50)));
    world.rollout.getSpec().strategy.canary.scaleDownDelaySeconds = 45;
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.rs(v1).replicas()).isEqualTo(3);
    assertThat(world.rs(v1).scaleDownDeadline()).isEqualTo(world.now.plus(Duration.ofSeconds(45)));

    world.advance(Duration.ofSeconds(44));
    world.runUntilStable();
    assertThat(world.rs(v1).replicas()).isEqualTo(3);
    world.advance(Duration.ofSeconds(1));
    world.runUntilStable();
    assertThat(world.rs(v1).replicas()).isZero();
  }

  @Test
  void oldReplicaSetsBeyondTheHistoryLimitAreDeleted() {
    World world = new World(rollout("checkout", 1, "demo:v1"));
    world.rollout.getSpec().revisionHistoryLimit = 2;
    world.rollout.getSpec().strategy.canary.scaleDownDelaySeconds = 0;
    world.runUntilStable();
    for (int v = 2; v <= 6; v++) {
      world.setImage("demo:v" + v);
      world.runUntilStable();
    }
    assertThat(world.replicaSets()).extracting(rs -> rs.template().getSpec()
        .getContainers().get(0).getImage())
        .containsExactlyInAnyOrder("demo:v4", "demo:v5", "demo:v6");
  }
}
