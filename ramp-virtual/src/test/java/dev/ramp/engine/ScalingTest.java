package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** maxSurge, maxUnavailable, and dynamicStableScale with a router. */
class ScalingTest {

  /** A routed canary with dynamicStableScale, deployed. */
  private static World dynamic(int replicas, Object maxSurge, Object maxUnavailable,
      CanaryStep... steps) {
    World world = World.routed(rollout("checkout", replicas, "demo:v1", steps));
    world.rollout.getSpec().strategy.canary.dynamicStableScale = true;
    return deployed(world, maxSurge, maxUnavailable);
  }

  /** A canary without a router, deployed. */
  private static World basic(int replicas, Object maxSurge, Object maxUnavailable,
      CanaryStep... steps) {
    return deployed(new World(rollout("checkout", replicas, "demo:v1", steps)), maxSurge,
        maxUnavailable);
  }

  private static World deployed(World world, Object maxSurge, Object maxUnavailable) {
    var canary = world.rollout.getSpec().strategy.canary;
    canary.maxSurge = new IntOrString(maxSurge);
    canary.maxUnavailable = new IntOrString(maxUnavailable);
    world.runUntilStable();
    return world;
  }

  /**
   * Reconciles one step at a time, recording replicas and available pods after each, until
   * nothing is left to do at a pause, when healthy or aborted.
   */
  private static List<int[]> trace(World world, String stable, String canary) {
    List<int[]> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Plan plan = world.reconcile();
      rows.add(new int[] {world.rs(stable).replicas(), world.rs(stable).availableReplicas(),
          world.rs(canary) == null ? 0 : world.rs(canary).replicas(),
          world.rs(canary) == null ? 0 : world.rs(canary).availableReplicas()});
      world.settlePods();
      if (plan.actions().isEmpty() && !"Progressing".equals(world.status().phase)) {
        break;
      }
    }
    return rows;
  }

  @Test
  void dynamicStableScaleReplacesStablePodsWithinSurgeAndUnavailability() {
    World world = dynamic(10, 2, 0, CanaryStep.weight(50), CanaryStep.pause(null));
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.reconcile();
    String v2 = world.status().updatedRevision;
    world.settlePods();

    List<int[]> rows = trace(world, v1, v2);

    assertThat(world.rs(v1).replicas()).isEqualTo(5);
    assertThat(world.rs(v2).replicas()).isEqualTo(5);
    assertThat(world.status().phase).isEqualTo("Paused");
    for (int[] row : rows) {
      assertThat(row[0] + row[2]).as("surge: at most 12 pods").isLessThanOrEqualTo(12);
    }
    // available pods before each reconcile never drop below replicas - maxUnavailable
    for (int[] row : rows) {
      assertThat(Math.min(row[0], row[1]) + Math.min(row[2], row[3]))
          .as("never below 10 available").isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void dynamicStableScaleKeepsOneStablePodUntilPromotion() {
    World world = dynamic(4, "25%", "25%", CanaryStep.weight(100), CanaryStep.pause(null));
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.rs(v1).replicas()).isEqualTo(1);
    assertThat(world.rs(world.status().updatedRevision).replicas()).isEqualTo(4);

    world.promote();
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  @Test
  void rollingUpdateWithoutStepsStaysWithinSurgeAndUnavailability() {
    // Argo Rollouts' rollout-rolling-update example: 5 replicas, maxSurge 1, maxUnavailable 1.
    World world = basic(5, 1, 1);
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.reconcile();
    String v2 = world.status().updatedRevision;

    List<int[]> rows = trace(world, v1, v2);

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo(v2);
    assertThat(world.rs(v2).replicas()).isEqualTo(5);
    assertThat(world.rs(v1).replicas()).isZero();
    assertThat(rows).as("pods asked for").allSatisfy(row ->
        assertThat(row[0] + row[2]).isLessThanOrEqualTo(6));
    assertThat(rows).as("pods available").allSatisfy(row ->
        assertThat(Math.min(row[0], row[1]) + Math.min(row[2], row[3]))
            .isGreaterThanOrEqualTo(4));
  }

  @Test
  void withoutARouterWeight100LeavesTheStableNoPodsAndAbortBringsThemBack() {
    World world = basic(4, 1, 1, CanaryStep.weight(100), CanaryStep.pause(null));
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.rs(v2).replicas()).isEqualTo(4);
    assertThat(world.rs(v1).replicas()).isZero();

    world.status().abort = true;
    List<int[]> rows = trace(world, v1, v2);

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.rs(v1).replicas()).isEqualTo(4);
    assertThat(world.rs(v2).replicas()).isZero();
    assertThat(rows).allSatisfy(row -> assertThat(row[0] + row[2]).isLessThanOrEqualTo(5));
    assertThat(rows).allSatisfy(row -> assertThat(Math.min(row[0], row[1])
        + Math.min(row[2], row[3])).isGreaterThanOrEqualTo(3));
  }

  @Test
  void abortWithoutARouterBringsStableBackBeforeRemovingCanaryPods() {
    World world = basic(4, 1, 0, CanaryStep.weight(50), CanaryStep.pause(null));
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;
    assertThat(world.rs(v1).replicas()).isEqualTo(2);

    world.status().abort = true;
    Plan first = world.reconcile();

    assertThat(world.rs(v1).replicas()).as("one surge pod first").isEqualTo(3);
    assertThat(world.rs(v2).replicas()).as("no canary pod removed yet").isEqualTo(2);
    assertThat(first.status().phase).isEqualTo("Aborted");
    world.settlePods();
    world.runUntilStable();
    assertThat(world.rs(v1).replicas()).isEqualTo(4);
    assertThat(world.rs(v2).replicas()).isZero();
  }

  @Test
  void withARouterAndNoDynamicStableScaleTheCanaryIsAddedNextToAFullStable() {
    World world = World.routed(rollout("checkout", 4, "demo:v1", CanaryStep.weight(50),
        CanaryStep.pause(null)));
    world.rollout.getSpec().strategy.canary.maxSurge = new IntOrString(0);
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.rs(v1).replicas()).isEqualTo(4);
    assertThat(world.rs(world.status().updatedRevision).replicas()).isEqualTo(2);
  }
}
