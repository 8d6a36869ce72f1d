package dev.ramp.cluster.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.PluginRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.Action;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Over hundreds of generated read answers, as plugins may write them (optional fields absent,
 * null or empty, fields Ramp does not know): the weight and route names read back, a plan asking
 * for what is in effect sends nothing, and a new weight is sent with the routes in effect kept.
 */
class PluginAnswersPropertyTest {
  private static final int ANSWERS = 400;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A plugin answering one generated read answer, recording what it is sent. */
  private static final class CannedPlugin implements RouterPlugins {
    final ObjectNode answer;
    final List<ObjectNode> applied = new ArrayList<>();

    CannedPlugin(ObjectNode answer) {
      this.answer = answer;
    }

    @Override
    public ObjectNode send(String url, String operation, ObjectNode request, BearerToken token) {
      if (operation.equals("apply")) {
        applied.add(request);
        return JSON.createObjectNode();
      }
      return answer.deepCopy();
    }
  }

  @Test
  void generatedAnswersReadBackAndOnlyAChangeIsSent() {
    Random random = new Random(16);
    for (int i = 0; i < ANSWERS; i++) {
      List<Action.RouteChange> inEffect = new ArrayList<>();
      ObjectNode answer = answer(random, inEffect);
      int weight = answer.get("canaryWeight").asInt();
      CannedPlugin plugin = new CannedPlugin(answer);
      TrafficRouter router = TrafficRouters.of(null, plugin, rollout()).orElseThrow();

      Set<String> names = new HashSet<>();
      inEffect.stream().skip(1).forEach(route -> names.add(route instanceof
          Action.SetHeaderRoute header ? header.name() : ((Action.SetMirrorRoute) route).name()));
      assertThat(router.read(rollout()).canaryWeight()).as(answer.toString()).isEqualTo(weight);
      assertThat(router.read(rollout()).routes()).as(answer.toString()).isEqualTo(names);

      router.apply(rollout(), inEffect);
      assertThat(plugin.applied).as("nothing to change in %s", answer).isEmpty();

      router.apply(rollout(), List.of(new Action.SetTrafficWeight((weight + 7) % 101, null,
          null)));
      assertThat(plugin.applied).as(answer.toString()).hasSize(1);
      JsonNode desired = plugin.applied.get(0).get("desired");
      assertThat(desired.get("canaryWeight").asInt()).isEqualTo((weight + 7) % 101);
      ObjectNode shown = desired.deepCopy();
      shown.set("capabilities", answer.get("capabilities"));
      CannedPlugin after = new CannedPlugin(shown);
      router = TrafficRouters.of(null, after, rollout()).orElseThrow();
      assertThat(router.read(rollout()).routes()).as(answer.toString()).isEqualTo(names);
      router.apply(rollout(), inEffect.subList(1, inEffect.size()));
      assertThat(after.applied).as("routes kept from %s", answer).isEmpty();
    }
  }

  /**
   * A read answer, and in {@code inEffect} the plan asking for exactly what it says is in
   * effect: its weight first, then its routes.
   */
  private static ObjectNode answer(Random random, List<Action.RouteChange> inEffect) {
    ObjectNode answer = JSON.createObjectNode();
    int weight = random.nextInt(101);
    answer.put("canaryWeight", weight);
    inEffect.add(new Action.SetTrafficWeight(weight, null, null));
    unknownFields(random, answer);
    if (random.nextBoolean()) {
      answer.putObject("capabilities").put("headerRoutes", true).put("mirrorRoutes", true)
          .put("retries", random.nextBoolean());
    } else {
      answer.putObject("capabilities").put("headerRoutes", true).put("mirrorRoutes", true);
    }
    routes(random, answer, "headerRoutes", inEffect);
    routes(random, answer, "mirrorRoutes", inEffect);
    return answer;
  }

  private static void routes(Random random, ObjectNode answer, String field,
      List<Action.RouteChange> inEffect) {
    switch (random.nextInt(4)) {
      case 0 -> { } // absent
      case 1 -> answer.putNull(field);
      case 2 -> answer.putArray(field);
      default -> {
        ArrayNode routes = answer.putArray(field);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
          String name = field.substring(0, 1) + i;
          ObjectNode route = routes.addObject().put("name", name);
          unknownFields(random, route);
          boolean header = field.equals("headerRoutes");
          List<HeaderMatch> headers = headers(random, header);
          List<RouteMatch> match = header || headers == null ? null
              : List.of(requests(random, headers));
          if (headers != null) {
            route.set("match", JSON.valueToTree(header ? headers : match));
          } else if (random.nextBoolean()) {
            route.putNull("match");
          }
          if (header) {
            inEffect.add(new Action.SetHeaderRoute(name, headers));
          } else {
            int percentage = random.nextInt(101);
            route.put("percentage", percentage);
            inEffect.add(new Action.SetMirrorRoute(name, percentage, match));
          }
        }
      }
    }
  }

  /** A mirror route's match: those headers, and a method and a path or not. */
  private static RouteMatch requests(Random random, List<HeaderMatch> headers) {
    RouteMatch match = RouteMatch.ofHeaders(headers);
    if (random.nextBoolean()) {
      match.method = StringMatch.exact(random.nextBoolean() ? "GET" : "POST");
    }
    if (random.nextBoolean()) {
      match.path = new StringMatch();
      match.path.prefix = "/p" + random.nextInt(9);
    }
    return match;
  }

  /** Header matches of each kind; none (every request) only for a mirror route. */
  private static List<HeaderMatch> headers(Random random, boolean required) {
    if (!required && random.nextBoolean()) {
      return null;
    }
    List<HeaderMatch> match = new ArrayList<>();
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      HeaderMatch header = new HeaderMatch();
      header.headerName = "x-h" + i;
      header.headerValue = new StringMatch();
      switch (random.nextInt(3)) {
        case 0 -> header.headerValue.exact = "v" + random.nextInt(9);
        case 1 -> header.headerValue.prefix = "p" + random.nextInt(9);
        default -> header.headerValue.regex = "r.*" + random.nextInt(9);
      }
      match.add(header);
    }
    return match;
  }

  private static void unknownFields(Random random, ObjectNode object) {
    if (random.nextBoolean()) {
      object.put("zone", "eu-" + random.nextInt(3));
    }
    if (random.nextBoolean()) {
      object.putObject("extensions").putArray("tags").add("t" + random.nextInt(5));
    }
  }

  private static Rollout rollout() {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("shop").build());
    rollout.setSpec(new RolloutSpec());
    rollout.getSpec().strategy = new RolloutStrategy();
    CanaryStrategy canary = new CanaryStrategy();
    canary.stableService = "web-stable";
    canary.canaryService = "web-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.plugin = new PluginRouting();
    canary.trafficRouting.plugin.url = "http://127.0.0.1:9";
    rollout.getSpec().strategy.canary = canary;
    return rollout;
  }
}
