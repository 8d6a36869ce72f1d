package dev.ramp.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStatus;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.PingPong;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.TrafficRouter;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.engine.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over hundreds of generated AWS Load Balancer Controller Ingresses (rules with and without
 * hosts, paths to other Services and other actions, other actions' and conditions'
 * annotations, an old action of the rollout's, optional fields absent, fields newer than any
 * schema): weigh, add a header route, weigh again, remove it and go back to weight 0. The
 * weight and route read back at each step, and the Ingress ends as it began apart from the
 * action of the rollout, which forwards all to stable.
 */
class AlbIngressPropertyTest {
  private static final int INGRESSES = 300;
  private static final String ACTION = GeneratedIngress.ALB + "actions.app-stable";
  private static final ObjectKey KEY = new ObjectKey("networking.k8s.io/v1", "Ingress",
      "default", "app");

  @Test
  void rampChangesOnlyItsOwnActionAndTheHeaderRouteItAdds() {
    for (int seed = 0; seed < INGRESSES; seed++) {
      Random random = new Random(seed);
      InMemoryObjects objects = new InMemoryObjects();
      ObjectNode original = objects.create(new GeneratedIngress(random, GeneratedIngress.Controller.ALB).ingress());
      Rollout rollout = rollout();
      TrafficRouter router = TrafficRouters.of(objects, rollout).orElseThrow();
      String at = "seed " + seed + ": " + original;

      int weight = 1 + random.nextInt(99);
      router.apply(rollout, List.of(new Action.SetTrafficWeight(weight, "v1", "v2"),
          new Action.SetHeaderRoute("beta", matches(random))));
      assertThat(router.read(rollout).canaryWeight()).as(at).isEqualTo(weight);
      assertThat(router.read(rollout).routes()).as(at).containsExactly("beta");
      assertHeaderPathBeforeEachRootPath(objects.get(KEY), at);

      router.apply(rollout, List.of(new Action.SetTrafficWeight(100 - weight, "v1", "v2")));
      assertThat(router.read(rollout).canaryWeight()).as(at).isEqualTo(100 - weight);

      router.apply(rollout, List.of(new Action.SetTrafficWeight(0, "v1", "v2"),
          new Action.RemoveRoute("beta")));
      assertThat(router.read(rollout).canaryWeight()).as(at).isZero();
      assertThat(router.read(rollout).routes()).as(at).isEmpty();

      ObjectNode after = objects.get(KEY);
      assertThat(after.path("metadata").path("annotations").path(ACTION).asText())
          .as(at).isEqualTo("{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":["
              + "{\"ServiceName\":\"app-canary\",\"ServicePort\":\"443\",\"Weight\":0},"
              + "{\"ServiceName\":\"app-stable\",\"ServicePort\":\"443\",\"Weight\":100}]}}");
      assertThat(withoutRampsAction(after)).as(at).isEqualTo(withoutRampsAction(original));
    }
  }

  /**
   * With Argo Rollouts' ping-pong Services (the Ingress rule naming rootService app-stable), the
   * weights go to the pair in the roles the rollout's status gives them: with pong stable, the
   * canary's weight to ping; the same action read with ping stable gives the canary the rest.
   */
  @Test
  void pingPongWeighsThePairInTheRolesTheStatusGives() {
    for (int seed = 0; seed < INGRESSES; seed++) {
      Random random = new Random(seed);
      InMemoryObjects objects = new InMemoryObjects();
      ObjectNode original = objects.create(new GeneratedIngress(random, GeneratedIngress.Controller.ALB).ingress());
      Rollout rollout = rollout();
      CanaryStrategy canary = rollout.getSpec().strategy.canary;
      canary.stableService = null;
      canary.canaryService = null;
      canary.pingPong = new PingPong();
      canary.pingPong.pingService = "app-ping";
      canary.pingPong.pongService = "app-pong";
      canary.trafficRouting.alb.rootService = "app-stable";
      rollout.setStatus(new RolloutStatus());
      rollout.getStatus().canary = new CanaryStatus();
      rollout.getStatus().canary.stablePingPong = PingPong.PONG;
      TrafficRouter router = TrafficRouters.of(objects, rollout).orElseThrow();
      String at = "seed " + seed + ": " + original;

      int weight = 1 + random.nextInt(99);
      router.apply(rollout, List.of(new Action.SetTrafficWeight(weight, "v1", "v2")));
      assertThat(router.read(rollout).canaryWeight()).as(at).isEqualTo(weight);
      assertThat(objects.get(KEY).path("metadata").path("annotations").path(ACTION).asText())
          .as(at).isEqualTo("{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":["
              + "{\"ServiceName\":\"app-ping\",\"ServicePort\":\"443\",\"Weight\":" + weight
              + "},{\"ServiceName\":\"app-pong\",\"ServicePort\":\"443\",\"Weight\":"
              + (100 - weight) + "}]}}");

      rollout.getStatus().canary.stablePingPong = PingPong.PING;
      assertThat(router.read(rollout).canaryWeight()).as(at).isEqualTo(100 - weight);
      assertThat(withoutRampsAction(objects.get(KEY))).as(at)
          .isEqualTo(withoutRampsAction(original));
    }
  }

  private static void assertHeaderPathBeforeEachRootPath(ObjectNode ingress, String at) {
    for (JsonNode rule : ingress.path("spec").path("rules")) {
      JsonNode paths = rule.path("http").path("paths");
      for (int i = 0; i < paths.size(); i++) {
        if (service(paths.get(i)).equals("app-stable")) {
          assertThat(i).as(at).isPositive();
          assertThat(service(paths.get(i - 1))).as(at).isEqualTo("beta");
          ObjectNode expected = paths.get(i).deepCopy();
          ((ObjectNode) expected.path("backend")).putObject("service").put("name", "beta")
              .putObject("port").put("name", "use-annotation");
          assertThat(paths.get(i - 1)).as(at).isEqualTo(expected);
        }
      }
    }
  }

  private static String service(JsonNode path) {
    return path.path("backend").path("service").path("name").asText();
  }

  /**
   * The Ingress without the action Ramp owns, and the resourceVersion and generation that count
   * writes.
   */
  private static ObjectNode withoutRampsAction(ObjectNode ingress) {
    ObjectNode copy = ingress.deepCopy();
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    metadata.remove("resourceVersion");
    metadata.remove("generation");
    if (metadata.get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(ACTION);
      if (annotations.isEmpty()) {
        metadata.remove("annotations");
      }
    }
    return copy;
  }

  private static List<HeaderMatch> matches(Random random) {
    List<HeaderMatch> matches = new ArrayList<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      HeaderMatch match = new HeaderMatch("x-header-" + i, "v" + random.nextInt(9));
      if (random.nextBoolean()) {
        match.headerValue.prefix = match.headerValue.exact;
        match.headerValue.exact = null;
      }
      matches.add(match);
    }
    return matches;
  }

  private static Rollout rollout() {
    TrafficRouting routing = new TrafficRouting();
    routing.alb = new AlbRouting();
    routing.alb.ingress = "app";
    routing.alb.servicePort = 443;
    return GeneratedIngress.rollout(routing);
  }
}
