package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.PingPong;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Argo Rollouts' ping-pong Services behind an AWS ALB: the two Services take turns as the stable
 * one. A release weighs the canary's Service against the stable one in the Ingress' action, gives
 * it all the traffic at the end and makes it the stable one, so the Service serving users never
 * changes its selector; an abort sends everything back to the stable Service of the pair.
 */
class PingPongTest {
  private static final ObjectKey INGRESS = new ObjectKey("networking.k8s.io/v1", "Ingress",
      "default", "checkout");
  private static final String ACTION = "alb.ingress.kubernetes.io/actions.checkout-root";
  private static final String PING = "checkout-ping";
  private static final String PONG = "checkout-pong";

  /** The rollout as its user writes it for Argo Rollouts: pingPong and an ALB rootService. */
  private static World pingPong(CanaryStep... steps) {
    Rollout rollout = rollout("checkout", 4, "demo:v1", steps);
    var canary = rollout.getSpec().strategy.canary;
    canary.pingPong = new PingPong();
    canary.pingPong.pingService = PING;
    canary.pingPong.pongService = PONG;
    canary.scaleDownDelaySeconds = 0;
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.alb = new AlbRouting();
    canary.trafficRouting.alb.ingress = "checkout";
    canary.trafficRouting.alb.servicePort = 80;
    canary.trafficRouting.alb.rootService = "checkout-root";
    World world = new World(rollout);
    world.addService(PING);
    world.addService(PONG);
    world.create(RouterYaml.albIngress("checkout", "checkout-root"));
    return world;
  }

  /** The weight the Ingress' action gives each Service, by name. */
  private static Map<String, Integer> weights(World world) {
    return AlbActionWeights.of(world.objects.get(INGRESS).path("metadata").path("annotations")
        .path(ACTION).asText(null));
  }

  private static Map<String, Integer> split(int ping, int pong) {
    return Map.of(PING, ping, PONG, pong);
  }

  /**
   * Reconciles until nothing changes, one action at a time; a Service's selector may only move
   * while the load balancer sends it nothing, and the weights are recorded each time they change.
   */
  private static List<Map<String, Integer>> runRecording(World world) {
    List<Map<String, Integer>> seen = new ArrayList<>();
    Map<String, Integer> last = weights(world);
    for (int i = 0; i < 200; i++) {
      String before = Json.write(world.status()) + world.replicaSets().stream()
          .map(rs -> rs.hash() + rs.replicas() + "/" + rs.availableReplicas()).toList();
      Plan plan = RolloutEngine.decide(world.snapshot(), world.now);
      for (Action action : plan.actions()) {
        if (action instanceof Action.PinService pin) {
          assertThat(weights(world).getOrDefault(pin.service(), 0))
              .as("weight of %s when its selector moves to %s", pin.service(), pin.hash())
              .isZero();
        }
        world.apply(action);
        Map<String, Integer> now = weights(world);
        if (!now.equals(last)) {
          seen.add(now);
          last = now;
        }
      }
      world.rollout.setStatus(plan.status());
      world.events.addAll(plan.events());
      world.settlePods();
      world.advance(Duration.ofSeconds(1));
      String after = Json.write(world.status()) + world.replicaSets().stream()
          .map(rs -> rs.hash() + rs.replicas() + "/" + rs.availableReplicas()).toList();
      if (plan.actions().isEmpty() && before.equals(after)) {
        return seen;
      }
    }
    throw new AssertionError("the rollout never settled: " + world.status().message);
  }

  @Test
  void twoReleasesInARowTakeTurnsWithoutSwitchingTheStableServicesSelector() {
    World world = pingPong(CanaryStep.weight(25), CanaryStep.weight(75));
    assertThat(runRecording(world)).as("the first deploy: all to ping")
        .containsExactly(split(100, 0));
    String v1 = world.status().stableRevision;
    assertThat(world.status().canary.stablePingPong).isEqualTo("ping");
    assertThat(world.service(PING).pinnedHash()).isEqualTo(v1);

    world.setImage("demo:v2");
    assertThat(runRecording(world)).as("release 1: pong carries the canary, then everything")
        .containsExactly(split(75, 25), split(25, 75), split(0, 100));
    String v2 = world.status().stableRevision;
    assertThat(v2).isNotEqualTo(v1);
    assertThat(world.status().canary.stablePingPong).isEqualTo("pong");
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.service(PONG).pinnedHash()).isEqualTo(v2);
    assertThat(world.service(PING).pinnedHash()).as("the idle Service follows the stable pods")
        .isEqualTo(v2);
    assertThat(world.router().canaryWeight()).as("read in the new roles: ping is the canary's")
        .isZero();
    assertThat(world.rs(v1).replicas()).isZero();

    world.setImage("demo:v3");
    assertThat(runRecording(world)).as("release 2: ping carries the canary, then everything")
        .containsExactly(split(25, 75), split(75, 25), split(100, 0));
    String v3 = world.status().stableRevision;
    assertThat(world.status().canary.stablePingPong).isEqualTo("ping");
    assertThat(world.service(PING).pinnedHash()).isEqualTo(v3);
    assertThat(world.service(PONG).pinnedHash()).isEqualTo(v3);
    assertThat(world.events).anyMatch(e -> e.message().contains(
        "Service checkout-ping is the stable one now, checkout-pong carries the next canary"));
  }

  @Test
  void theCanaryBecomesStableOnlyOnceItsServiceShowsAllTheTraffic() {
    World world = pingPong(CanaryStep.weight(50));
    runRecording(world);
    world.setImage("demo:v2");
    // a load balancer annotation that does not take the last weight: no promotion, no swap
    for (int i = 0; i < 10; i++) {
      Plan plan = RolloutEngine.decide(world.snapshot(), world.now);
      plan.actions().stream()
          .filter(a -> !(a instanceof Action.SetTrafficWeight weight && weight.weight() == 100))
          .forEach(world::apply);
      world.rollout.setStatus(plan.status());
      world.settlePods();
    }
    assertThat(weights(world)).isEqualTo(split(50, 50));
    assertThat(world.status().canary.stablePingPong).isEqualTo("ping");
    assertThat(world.status().stableRevision).isNotEqualTo(world.status().updatedRevision);

    runRecording(world);
    assertThat(world.status().canary.stablePingPong).isEqualTo("pong");
    assertThat(weights(world)).isEqualTo(split(0, 100));
  }

  @Test
  void anAbortSendsEverythingBackToTheStableServiceOfThePair() {
    World world = pingPong(CanaryStep.weight(25), CanaryStep.weight(75));
    runRecording(world);
    world.setImage("demo:v2");
    runRecording(world);
    String v2 = world.status().stableRevision;

    world.setImage("demo:v3");
    world.reconcile();
    world.settlePods();
    world.reconcile();
    assertThat(weights(world)).as("ping carries the second canary").isEqualTo(split(25, 75));
    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(weights(world)).isEqualTo(split(0, 100));
    assertThat(world.status().canary.stablePingPong).as("no swap on abort").isEqualTo("pong");
    assertThat(world.service(PONG).pinnedHash()).isEqualTo(v2);
    assertThat(world.status().stableRevision).isEqualTo(v2);
  }

  /**
   * The controller dies right after one write of a reconcile, before that reconcile's status
   * write, and another one takes over; for every write of two releases in a row, one run dying
   * there. Each ends as the uninterrupted run does, and at no moment does the load balancer send
   * users to a revision without available pods, or back to the old revision once the new one
   * had them all (the swap is done twice or not at all).
   */
  @Test
  void aControllerDyingAfterAnyWriteNeitherSwapsTwiceNorSendsUsersBack() {
    Story uninterrupted = new Story(-1, 0);
    String expected = uninterrupted.run();
    assertThat(expected).contains("stablePingPong=ping", "checkout-ping=100");
    int crashPoints = 0;
    for (int reconcile = 0; reconcile < uninterrupted.writes.size(); reconcile++) {
      for (int k = 1; k <= uninterrupted.writes.get(reconcile); k++) {
        Story story = new Story(reconcile, k);
        assertThat(story.run()).as("dying after write %d of reconcile %d", k, reconcile)
            .isEqualTo(expected);
        crashPoints++;
      }
    }
    assertThat(crashPoints).isGreaterThan(20);
  }

  /**
   * First deploy, then releases to demo:v2 and demo:v3; the controller dies after write
   * {@code dieAfter} of reconcile {@code dieIn} (-1: never).
   */
  private static final class Story {
    private final int dieIn;
    private final int dieAfter;
    private final World world = pingPong(CanaryStep.weight(25), CanaryStep.pause("1s"),
        CanaryStep.weight(75));
    /** The writes each reconcile made. */
    final List<Integer> writes = new ArrayList<>();
    /** The canary's Service, once it had all the traffic during this release. */
    private String promoted;

    Story(int dieIn, int dieAfter) {
      this.dieIn = dieIn;
      this.dieAfter = dieAfter;
    }

    String run() {
      settle();
      for (String image : List.of("demo:v2", "demo:v3")) {
        world.setImage(image);
        promoted = null;
        settle();
      }
      return "stablePingPong=" + world.status().canary.stablePingPong
          + " phase=" + world.status().phase + " weights=" + weights(world)
          + " ping=" + world.service(PING).pinnedHash() + " pong="
          + world.service(PONG).pinnedHash() + " replicaSets=" + world.replicaSets().stream()
              .map(rs -> rs.hash() + "x" + rs.replicas()).sorted().toList();
    }

    private void settle() {
      for (int i = 0; i < 200; i++) {
        String before = Json.write(world.status()) + world.replicaSets().stream()
            .map(rs -> rs.hash() + rs.replicas() + "/" + rs.availableReplicas()).toList();
        Plan plan = RolloutEngine.decide(world.snapshot(), world.now);
        boolean dies = writes.size() == dieIn;
        writes.add(plan.actions().size());
        for (Action action : dies ? plan.actions().subList(0, dieAfter) : plan.actions()) {
          world.apply(action);
          checkTraffic();
        }
        if (!dies) {
          world.rollout.setStatus(plan.status());
        }
        world.settlePods();
        checkTraffic();
        world.advance(Duration.ofSeconds(1));
        String after = Json.write(world.status()) + world.replicaSets().stream()
            .map(rs -> rs.hash() + rs.replicas() + "/" + rs.availableReplicas()).toList();
        if (plan.actions().isEmpty() && before.equals(after)) {
          return;
        }
      }
      throw new AssertionError("the rollout never settled: " + world.status().message);
    }
    /**
     * Where the load balancer sends users now: only to Services selecting a revision with
     * available pods, and, once the canary's Service had all the traffic, to it alone (the
     * load balancer would otherwise move the users back to a target group whose targets
     * change).
     */
    private void checkTraffic() {
      Map<String, Integer> sent = new LinkedHashMap<>(weights(world));
      sent.values().removeIf(weight -> weight == 0);
      sent.keySet().forEach(service -> assertThat(
          world.rs(world.service(service).pinnedHash()).availableReplicas())
          .as("available pods behind %s, which gets %s", service, sent).isPositive());
      if (promoted != null) {
        assertThat(sent).as("traffic after %s had it all", promoted).containsOnlyKeys(promoted);
      } else if (sent.size() == 1 && !world.status().updatedRevision.equals(
          world.status().stableRevision)) {
        String service = sent.keySet().iterator().next();
        if (world.status().updatedRevision.equals(world.service(service).pinnedHash())) {
          promoted = service;
        }
      }
    }
  }
}
