package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.Baseline;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.RampLabels;
import dev.ramp.api.RolloutCondition;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A canary's fresh baseline: a ReplicaSet of the stable template started with the canary, its
 * Service pinned to it, the canary's share of requests on the HTTPRoute, gone with the canary.
 */
class FreshBaselineTest {

  /** 10 pods routed by the HTTPRoute "checkout", steps 20% then 60%, with a baseline. */
  private static World withBaseline(Baseline baseline) {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null), CanaryStep.weight(60), CanaryStep.pause(null)));
    world.rollout.getSpec().strategy.canary.baseline = baseline;
    world.rollout.getSpec().strategy.canary.baselineService = "checkout-baseline";
    world.addService("checkout-baseline");
    world.runUntilStable();
    return world;
  }

  private static Baseline matchCanary() {
    Baseline baseline = new Baseline();
    baseline.matchCanary = true;
    return baseline;
  }

  /** The HTTPRoute's backendRefs, service name to weight. */
  private static Map<String, Integer> backends(World world) {
    JsonNode route = world.objects.get(new ObjectKey(RouterKind.HTTP_ROUTE.apiVersion(),
        "HTTPRoute", "default", "checkout"));
    Map<String, Integer> weights = new LinkedHashMap<>();
    route.path("spec").path("rules").get(0).path("backendRefs").forEach(ref ->
        weights.put(ref.path("name").asText(), ref.path("weight").asInt(1)));
    return weights;
  }

  private static ReplicaSet replicaSet(World world, String hash) {
    return world.objects.get(new ObjectKey("apps/v1", "ReplicaSet", "default",
        world.rs(hash).name()), ReplicaSet.class);
  }

  @Test
  void theBaselineStartsWithTheCanaryAtItsSizeOnTheStableTemplateWithItsShareOfRequests() {
    World world = withBaseline(matchCanary());
    String stable = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();

    String baseline = world.status().canary.baselineRevision;
    assertThat(baseline).isNotNull().isNotEqualTo(stable)
        .isNotEqualTo(world.status().updatedRevision);
    assertThat(world.rs(baseline).replicas()).isEqualTo(2)
        .isEqualTo(world.rs(world.status().updatedRevision).replicas());
    assertThat(world.rs(stable).replicas()).isEqualTo(10);
    ReplicaSet rs = replicaSet(world, baseline);
    assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("demo:v1");
    assertThat(rs.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(RampLabels.ROLE, RampLabels.BASELINE)
        .containsEntry(RampLabels.POD_TEMPLATE_HASH, baseline)
        .containsEntry("app", "checkout");
    assertThat(world.service("checkout-baseline").pinnedHash()).isEqualTo(baseline);
    assertThat(world.service("checkout-stable").pinnedHash()).isEqualTo(stable);
    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 60),
        Map.entry("checkout-canary", 20), Map.entry("checkout-baseline", 20));
    assertThat(world.router().canaryWeight()).isEqualTo(20);
    assertThat(world.router().extraWeights())
        .containsExactly(Map.entry("checkout-baseline", 20));
    assertThat(world.status().canary.weight).isEqualTo(20);
    assertThat(world.events).contains(RolloutEvent.normal("ScalingReplicaSet",
        "Created baseline ReplicaSet " + world.rs(baseline).name() + " with 2 pods of the"
            + " stable template, started with the canary"));
  }

  /** Past 50% the baseline gets what the stable still has: min(w, 100 - w). */
  @Test
  void theBaselineGrowsWithTheCanaryAndTakesTheSameShareUpToHalf() {
    World world = withBaseline(matchCanary());
    world.setImage("demo:v2");
    world.runUntilStable();
    world.promote();
    world.runUntilStable();

    String baseline = world.status().canary.baselineRevision;
    assertThat(world.status().currentStepIndex).isEqualTo(3);
    assertThat(world.rs(baseline).replicas()).isEqualTo(6);
    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 0),
        Map.entry("checkout-canary", 60), Map.entry("checkout-baseline", 40));
  }

  @Test
  void aFixedSizeBaselineKeepsItsSize() {
    Baseline one = new Baseline();
    one.replicas = 1;
    World world = withBaseline(one);
    world.setImage("demo:v2");
    world.runUntilStable();
    world.promote();
    world.runUntilStable();

    assertThat(world.rs(world.status().canary.baselineRevision).replicas()).isEqualTo(1);
    assertThat(backends(world)).containsEntry("checkout-baseline", 40);
  }

  @Test
  void thePromotionTakesTheBaselineAwayAndItsBackendOffTheRoute() {
    World world = withBaseline(matchCanary());
    world.setImage("demo:v2");
    world.runUntilStable();
    String baseline = world.status().canary.baselineRevision;
    world.status().promoteFull = true;
    world.runUntilStable();
    world.advance(Duration.ofSeconds(31));
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().canary.baselineRevision).isNull();
    assertThat(world.rs(baseline).replicas()).isZero();
    assertThat(world.service("checkout-baseline").pinnedHash())
        .as("no Service selects a revision without pods")
        .isEqualTo(world.status().stableRevision);
    assertThat(backends(world)).containsOnlyKeys("checkout-stable", "checkout-canary");
    assertThat(world.router().extraWeights()).isEmpty();
  }

  @Test
  void anAbortTakesTheBaselineAwayAndItsBackendOffTheRoute() {
    World world = withBaseline(matchCanary());
    world.setImage("demo:v2");
    world.runUntilStable();
    String baseline = world.status().canary.baselineRevision;
    world.status().abort = true;
    world.runUntilStable();

    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 100),
        Map.entry("checkout-canary", 0));
    assertThat(world.status().canary.baselineRevision).isNull();
    world.advance(Duration.ofSeconds(31));
    world.runUntilStable();
    assertThat(world.rs(baseline).replicas()).isZero();
    assertThat(world.service("checkout-baseline").pinnedHash())
        .isEqualTo(world.status().stableRevision);
  }

  /**
   * The baseline is found from what is observed (the stable ReplicaSet), not from the status:
   * a decision after a status write was lost (a controller that stopped) finds the same one and
   * changes nothing.
   */
  @Test
  void aDecisionThatLostTheStatusFindsTheSameBaselineAndChangesNothing() {
    World world = withBaseline(matchCanary());
    world.setImage("demo:v2");
    world.runUntilStable();
    String baseline = world.status().canary.baselineRevision;
    int replicaSets = world.replicaSets().size();

    world.status().canary.baselineRevision = null;
    Plan plan = world.reconcile();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().canary.baselineRevision).isEqualTo(baseline);
    assertThat(world.replicaSets()).hasSize(replicaSets);
  }

  @Test
  void aMissingBaselineServiceIsReportedAndNothingChanges() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null)));
    world.runUntilStable();
    world.rollout.getSpec().strategy.canary.baseline = matchCanary();
    world.rollout.getSpec().strategy.canary.baselineService = "checkout-baseline";
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.conditionStatus(RolloutCondition.INVALID_SPEC)).isEqualTo("True");
    assertThat(world.status().message).contains("checkout-baseline");
    assertThat(world.events).filteredOn(RolloutEvent::warning).isNotEmpty()
        .allMatch(event -> event.message().contains("checkout-baseline"));
    assertThat(world.replicaSets()).hasSize(1);
  }
}
