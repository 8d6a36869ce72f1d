package dev.ramp.engine;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.virtual.VirtualCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster in memory for engine tests ({@link VirtualCluster}), recording every plan and event;
 * pods of a revision become available on {@link #settlePods()} unless {@link #brokenImages} says
 * they never will, and analysis runs end as the test says ({@link #finishRun}).
 */
public final class World extends VirtualCluster {
  public final List<RolloutEvent> events = new ArrayList<>();
  public final List<Plan> plans = new ArrayList<>();

  public World(Rollout rollout) {
    super(rollout);
    brokenImages = image -> image.contains("broken");
  }

  /**
   * A world where the canary's traffic is split by a Gateway API HTTPRoute between the Services
   * checkout-stable and checkout-canary.
   */
  public static World routed(Rollout rollout) {
    var canary = rollout.getSpec().strategy.canary;
    canary.stableService = "checkout-stable";
    canary.canaryService = "checkout-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
    canary.trafficRouting.gatewayAPI.httpRoute = "checkout";
    World world = new World(rollout);
    world.services.put("checkout-stable", new ServiceView("checkout-stable", null));
    world.services.put("checkout-canary", new ServiceView("checkout-canary", null));
    return world;
  }

  /** A world where the rollout was deployed with demo:v1 and demo:v2 is now under way. */
  public static World updatingToV2(Rollout rollout) {
    World world = new World(rollout);
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    return world;
  }

  @Override
  public Plan reconcile() {
    Plan plan = super.reconcile();
    plans.add(plan);
    events.addAll(plan.events());
    return plan;
  }

  public void finishRun(String kind, AnalysisPhase phase, String message) {
    Run run = run(kind);
    run.phase = phase;
    run.message = message;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Reconciles and lets pods settle until nothing changes any more. */
  public Plan runUntilStable() {
    Plan plan = null;
    for (int i = 0; i < 200; i++) {
      String before = Json.write(rollout.getStatus()) + replicaSets.values().stream()
          .map(rs -> rs.hash + rs.replicas + "/" + rs.available).toList();
      plan = reconcile();
      settlePods();
      String after = Json.write(rollout.getStatus()) + replicaSets.values().stream()
          .map(rs -> rs.hash + rs.replicas + "/" + rs.available).toList();
      if (plan.actions().isEmpty() && before.equals(after)) {
        return plan;
      }
    }
    throw new AssertionError("the rollout never settled: " + rollout.getStatus().message);
  }

  /** What {@code kubectl ramp promote} does at a pause: clears the pause conditions. */
  public void promote() {
    rollout.getStatus().pauseConditions = null;
  }

  public String conditionStatus(String type) {
    return status().conditions.stream().filter(c -> c.type.equals(type))
        .map(c -> c.status).findFirst().orElse(null);
  }

  public String conditionReason(String type) {
    return status().conditions.stream().filter(c -> c.type.equals(type))
        .map(c -> c.reason).findFirst().orElse(null);
  }
}
