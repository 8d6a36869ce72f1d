package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.SetCanaryScale;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.canary.CanarySteps;
import dev.ramp.engine.spec.Percentages;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of what happens to a rollout (pods going up and down, people promoting,
 * aborting, retrying, pausing, new templates, rescaling, controller crashes half-way through a
 * reconcile) and the promises that must hold after every single decision.
 */
class RolloutPropertiesTest {
  private static final int SEQUENCES = 400;
  private static final int EVENTS = 80;
  private static final String STABLE = "stable";
  private static final String CANARY = "canary";
  private static final String ACTIVE = "active";
  private static final String PREVIEW = "preview";
  private static final List<String> IMAGES =
      List.of("demo:v1", "demo:v2", "demo:v3", "demo:v4-broken");

  @Test
  void invariantsHoldAndEveryRolloutEventuallySettles() {
    for (int seed = 0; seed < SEQUENCES; seed++) {
      Random random = new Random(seed);
      World world = randomWorld(random);
      try {
        world.runUntilStable();
        for (int i = 0; i < EVENTS; i++) {
          disturb(world, random);
          reconcileChecked(world, random);
        }
        settleEventually(world);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static World randomWorld(Random random) {
    World world = new World(rollout("checkout", 1 + random.nextInt(8), "demo:v1"));
    for (String service : List.of(STABLE, CANARY, ACTIVE, PREVIEW)) {
      world.addService(service);
    }
    world.addHttpRoute("checkout", STABLE, CANARY); // used while the strategy is routed
    RolloutStrategy strategy = world.rollout.getSpec().strategy;
    if (random.nextInt(3) == 0) {
      strategy.canary = null;
      strategy.blueGreen = randomBlueGreen(random);
    } else {
      strategy.canary = randomCanary(random);
    }
    return world;
  }

  private static CanaryStrategy randomCanary(Random random) {
    CanaryStrategy canary = new CanaryStrategy();
    boolean routed = random.nextBoolean();
    // One in four has no steps: a rolling update like a Deployment's. Only a router can size
    // the canary apart from its weight.
    canary.steps = random.nextInt(4) == 0 ? List.of() : List.of(
        CanaryStep.weight(10 + random.nextInt(30)),
        CanaryStep.pause(random.nextBoolean() ? null : "30s"),
        routed ? CanaryStep.scale(SetCanaryScale.replicas(random.nextInt(3)))
            : CanaryStep.weight(30),
        CanaryStep.weight(50),
        routed ? CanaryStep.scale(SetCanaryScale.matchTrafficWeight()) : CanaryStep.pause("10s"),
        CanaryStep.pause("1m"),
        CanaryStep.weight(100));
    canary.dynamicStableScale = random.nextBoolean();
    canary.maxSurge = new IntOrString(random.nextInt(3));
    canary.maxUnavailable = new IntOrString(1 + random.nextInt(2));
    canary.scaleDownDelaySeconds = random.nextInt(60);
    canary.stableService = STABLE;
    canary.canaryService = CANARY;
    if (routed) {
      canary.trafficRouting = new TrafficRouting();
      canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
      canary.trafficRouting.gatewayAPI.httpRoute = "checkout";
      canary.abortScaleDownDelaySeconds = random.nextInt(60);
    }
    return canary;
  }

  private static BlueGreenStrategy randomBlueGreen(Random random) {
    BlueGreenStrategy blueGreen = new BlueGreenStrategy();
    blueGreen.activeService = ACTIVE;
    blueGreen.previewService = random.nextBoolean() ? PREVIEW : null;
    blueGreen.autoPromotionEnabled = random.nextBoolean();
    blueGreen.autoPromotionSeconds = random.nextInt(60);
    blueGreen.previewReplicaCount = random.nextBoolean() ? null : 1 + random.nextInt(3);
    blueGreen.scaleDownDelaySeconds = random.nextInt(60);
    blueGreen.abortScaleDownDelaySeconds = random.nextInt(60);
    return blueGreen;
  }

  /** Canary to blue-green or back, at any moment. */
  private static void switchStrategy(World world, Random random) {
    RolloutStrategy strategy = world.rollout.getSpec().strategy;
    boolean toCanary = strategy.blueGreen != null;
    strategy.canary = toCanary ? randomCanary(random) : null;
    strategy.blueGreen = toCanary ? null : randomBlueGreen(random);
    world.bumpGeneration();
  }

  private static void disturb(World world, Random random) {
    RolloutStatus status = world.status();
    switch (random.nextInt(12)) {
      case 0 -> world.setImage(IMAGES.get(random.nextInt(IMAGES.size())));
      case 1 -> world.promote();
      case 2 -> status.promoteFull = true;
      case 3 -> status.abort = true;
      case 4 -> status.abort = false;
      case 5 -> world.rollout.getSpec().paused = random.nextInt(3) == 0;
      case 6 -> {
        world.rollout.getSpec().replicas = random.nextInt(9);
        world.bumpGeneration();
      }
      case 7 -> world.advance(Duration.ofSeconds(random.nextInt(120)));
      case 8 -> flakyPods(world, random);
      case 9 -> {
        if (random.nextInt(4) == 0) {
          switchStrategy(world, random);
        }
      }
      default -> world.settlePods();
    }
  }

  /** Some pods of some ReplicaSets stop (or start) being available. */
  private static void flakyPods(World world, Random random) {
    for (ReplicaSetView rs : world.replicaSets()) {
      if (random.nextBoolean()) {
        world.setAvailable(rs.hash(), random.nextInt(rs.replicas() + 1));
      }
    }
  }

  /**
   * One reconcile checked against the promises; sometimes the controller "crashes" after a
   * random number of its actions and never writes the status.
   */
  private static void reconcileChecked(World world, Random random) {
    Snapshot before = world.snapshot();
    Plan plan = RolloutEngine.decide(before, world.now);
    check(before, plan);
    boolean crash = random.nextInt(6) == 0;
    int applied = crash ? random.nextInt(plan.actions().size() + 1) : plan.actions().size();
    plan.actions().subList(0, applied).forEach(world::apply);
    if (!crash) {
      world.rollout.setStatus(plan.status());
    }
  }

  static void check(Snapshot before, Plan plan) {
    Map<String, ReplicaSetView> observed = new HashMap<>();
    before.replicaSets().forEach(rs -> observed.put(rs.name(), rs));
    Map<String, Integer> byHashAvailable = new HashMap<>();
    before.replicaSets().forEach(rs -> byHashAvailable.put(rs.hash(), rs.availableReplicas()));
    RolloutStatus status = plan.status();

    // 1. Traffic only goes to a canary that has available pods.
    if (status.canary != null && status.canary.weight != null && status.canary.weight > 0) {
      assertThat(byHashAvailable.getOrDefault(status.updatedRevision, 0))
          .as("weight %s on canary %s", status.canary.weight, status.updatedRevision)
          .isPositive();
    }
    // 1b. A traffic router never gets a weight for a canary without available pods.
    plan.actions().stream().filter(a -> a instanceof Action.SetTrafficWeight)
        .map(a -> (Action.SetTrafficWeight) a)
        .filter(weight -> weight.weight() > 0)
        .forEach(weight -> assertThat(byHashAvailable.getOrDefault(status.updatedRevision, 0))
            .as("router weight %s", weight.weight()).isPositive());
    // 2. A Service selector only moves to a revision with available pods its ReplicaSet keeps
    // (one scaled to zero may still report pods on their way out).
    Map<String, Integer> byHashKept = new HashMap<>();
    before.replicaSets().forEach(rs -> byHashKept.put(rs.hash(),
        Math.min(rs.replicas(), rs.availableReplicas())));
    plan.actions().stream().filter(a -> a instanceof Action.PinService)
        .map(a -> (Action.PinService) a)
        .forEach(pin -> assertThat(byHashKept.getOrDefault(pin.hash(), 0))
            .as("%s pinned to %s", pin.service(), pin.hash()).isPositive());

    // 3. Scaling down never takes availability below replicas - maxUnavailable.
    int replicas = before.rollout().getSpec().replicas;
    CanaryStrategy canary = before.rollout().getSpec().strategy.canary;
    int maxUnavailable = Math.max(Percentages.resolve(
        canary == null ? null : canary.maxUnavailable, "25%", replicas, false), 0);
    Map<String, Integer> sizes = new HashMap<>();
    observed.values().forEach(rs -> sizes.put(rs.name(), rs.replicas()));
    plan.actions().stream().filter(a -> a instanceof Action.ScaleReplicaSet)
        .map(a -> (Action.ScaleReplicaSet) a)
        .forEach(scale -> sizes.put(scale.name(), scale.replicas()));
    int availableBefore = observed.values().stream()
        .mapToInt(rs -> Math.min(rs.availableReplicas(), rs.replicas())).sum();
    int availableAfter = observed.values().stream()
        .mapToInt(rs -> Math.min(rs.availableReplicas(), sizes.get(rs.name()))).sum();
    assertThat(availableAfter).as("available pods after scaling")
        .isGreaterThanOrEqualTo(Math.min(availableBefore, replicas - maxUnavailable));

    // 3b. A canary without a router never asks for more than replicas + maxSurge pods: each of
    // its pods serves users, as in Argo Rollouts' basic canary. Counted after the scale-ups
    // alone, as the controller applies them first. (A routed canary and a blue-green preview
    // are sized apart from a full stable, as in Argo; there the surge bounds only pods beyond
    // their targets.)
    if (canary != null && canary.trafficRouting == null) {
      int maxSurge = Percentages.resolve(canary.maxSurge, "25%", replicas, true);
      Map<String, Integer> grown = new HashMap<>();
      observed.values().forEach(rs -> grown.put(rs.name(), rs.replicas()));
      boolean grows = false;
      for (Action action : plan.actions()) {
        if (action instanceof Action.CreateReplicaSet create && create.replicas() > 0) {
          grown.put(create.name(), create.replicas());
          grows = true;
        } else if (action instanceof Action.ScaleReplicaSet scale
            && scale.replicas() > grown.get(scale.name())) {
          grown.put(scale.name(), scale.replicas());
          grows = true;
        }
      }
      if (grows) {
        assertThat(grown.values().stream().mapToInt(Integer::intValue).sum())
            .as("pods asked for, with %s replicas and maxSurge %s: %s", replicas, maxSurge, grown)
            .isLessThanOrEqualTo(replicas + maxSurge);
      }
    }

    // 4. No plan scales the stable ReplicaSet to zero before the canary takes all the traffic:
    // with a router or blue-green, before the promotion; a canary without a router (its pods are
    // its share) gives the last one up at weight 100, or, as Argo rounds, from 50 with one
    // replica and no surge.
    if (replicas > 0 && !canaryTakesAllPods(before, status)) {
      observed.values().stream()
          .filter(rs -> rs.hash().equals(status.stableRevision) && rs.replicas() > 0)
          .forEach(rs -> assertThat(sizes.get(rs.name())).as("stable %s size", rs.name())
              .isPositive());
    }

    // 5. Blue-green: the active Service switches to a new revision only once all its pods are
    // available, and never selects a ReplicaSet this plan scales to zero.
    if (before.rollout().getSpec().strategy.blueGreen != null && replicas > 0) {
      String active = before.services().get(ACTIVE).pinnedHash();
      for (Action action : plan.actions()) {
        if (action instanceof Action.PinService pin && pin.service().equals(ACTIVE)) {
          active = pin.hash();
          if (!pin.hash().equals(status.stableRevision)) {
            assertThat(byHashAvailable.get(pin.hash())).as("switch to %s", pin.hash())
                .isGreaterThanOrEqualTo(replicas);
          }
        }
      }
      String selected = active;
      observed.values().stream().filter(rs -> rs.hash().equals(selected) && rs.replicas() > 0)
          .forEach(rs -> assertThat(sizes.get(rs.name())).as("active %s size", selected)
              .isPositive());
    }

    // 6. A canary's stable Service never stays on a ReplicaSet this plan scales to zero while the
    // canary has available pods it could select instead.
    if (canary != null && replicas > 0) {
      String stable = before.services().get(STABLE).pinnedHash();
      for (Action action : plan.actions()) {
        if (action instanceof Action.PinService pin && pin.service().equals(STABLE)) {
          stable = pin.hash();
        }
      }
      String selected = stable;
      int canaryAvailable = byHashKept.getOrDefault(status.updatedRevision, 0);
      observed.values().stream()
          .filter(rs -> rs.hash().equals(selected) && rs.replicas() > 0
              && sizes.get(rs.name()) == 0 && !selected.equals(status.updatedRevision))
          .forEach(rs -> assertThat(canaryAvailable)
              .as("stable Service left on %s, scaled to zero", selected).isZero());
    }
  }

  private static boolean canaryTakesAllPods(Snapshot before, RolloutStatus status) {
    CanaryStrategy canary = before.rollout().getSpec().strategy.canary;
    boolean updating = !status.updatedRevision.equals(status.stableRevision)
        && !"Aborted".equals(status.phase);
    if (canary == null || canary.trafficRouting != null || !updating) {
      return false;
    }
    CanarySteps steps = new CanarySteps(canary.steps);
    int weight = status.currentStepIndex >= steps.count() ? 100
        : steps.weightAt(status.currentStepIndex);
    int replicas = before.rollout().getSpec().replicas;
    int maxSurge = Percentages.resolve(canary.maxSurge, "25%", replicas, true);
    return weight == 100 || (replicas == 1 && maxSurge == 0 && weight >= 50);
  }

  /**
   * Once the disturbances stop, pods come up, and a person promotes whatever waits for them,
   * every rollout ends healthy on its template with nothing else running.
   */
  private static void settleEventually(World world) {
    world.brokenImages = image -> false;
    world.rollout.getSpec().paused = false;
    if (world.status().abort != null) {
      world.status().abort = false;
    }
    for (int round = 0; round < 30 && !done(world); round++) {
      world.runUntilStable();
      world.promote();
      world.advance(Duration.ofMinutes(2));
    }
    assertThat(world.status().phase).as(world.status().message).isEqualTo("Healthy");
    assertThat(world.replicaSets()).filteredOn(rs -> rs.replicas() > 0)
        .allMatch(rs -> rs.hash().equals(world.status().stableRevision));
  }

  private static boolean done(World world) {
    return "Healthy".equals(world.status().phase) && world.replicaSets().stream()
        .filter(rs -> rs.replicas() > 0)
        .allMatch(rs -> rs.hash().equals(world.status().stableRevision));
  }
}
