package dev.ramp.cluster.routing;

import static dev.ramp.cluster.routing.GeneratedRoutes.CANARY;
import static dev.ramp.cluster.routing.GeneratedRoutes.STABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Over hundreds of generated route objects per router family: set a weight, add a header route
 * and one or two mirror routes, weigh again, remove them all, set weight 0. No step throws, the
 * weight reads back, and the object ends as it began apart from the weights Ramp owns and the
 * canary backend it added: every other field, known or not, in the same place and order.
 */
class RouteTableEditorPropertyTest {
  private static final int OBJECTS = 400;

  @Test
  void gatewayApiRoutesEndAsTheyBegan() {
    Random random = new Random(14);
    Random orders = new Random(15);
    GeneratedRoutes generate = new GeneratedRoutes(random);
    for (int i = 0; i < OBJECTS; i++) {
      String kind = List.of("HTTPRoute", "GRPCRoute", "TCPRoute").get(random.nextInt(3));
      ObjectNode route = generate.gatewayRoute(kind);
      ObjectNode original = route.deepCopy();
      List<String> listed = listed(random, route.path("spec").path("rules"),
          rule -> hasRef(rule.path("backendRefs"), STABLE));
      TrafficRouting routing = new TrafficRouting();
      routing.gatewayAPI = new GatewayApiRouting();
      if (kind.equals("TCPRoute")) {
        routing.gatewayAPI.tcpRoute = "app";
      } else {
        routing.gatewayAPI.httpRoute = "app";
      }
      RouterKind routerKind = kind.equals("HTTPRoute") ? RouterKind.HTTP_ROUTE
          : kind.equals("GRPCRoute") ? RouterKind.GRPC_ROUTE : RouterKind.TCP_ROUTE;
      List<String> precedence = precedence(orders);
      RouteTableEditor editor = new RouteTableEditor(new GatewayApiRoutes(routerKind, "app",
          RouterCapabilities.of(routing.gatewayAPI), STABLE, CANARY, listed), precedence);

      String why = "object " + i + ": " + original + " (rules " + listed + ", managedRoutes "
          + precedence + ")";
      runTheSteps(editor, route, "rules", precedence, random, !kind.equals("TCPRoute"),
          !kind.equals("TCPRoute"), !kind.equals("TCPRoute"), why);

      List<String> rules = List.of("rules");
      assertThat(text(normalised(route, "backendRefs", GeneratedRoutes::isRef, rules)))
          .as(why).isEqualTo(text(normalised(original, "backendRefs", GeneratedRoutes::isRef,
              rules)));
    }
  }

  @Test
  void istioVirtualServicesEndAsTheyBegan() {
    Random random = new Random(7);
    Random orders = new Random(8);
    GeneratedRoutes generate = new GeneratedRoutes(random);
    for (int i = 0; i < OBJECTS; i++) {
      boolean subsets = random.nextBoolean();
      boolean http = random.nextInt(4) > 0;
      ObjectNode service = generate.virtualService(subsets, http);
      ObjectNode original = service.deepCopy();
      IstioRouting istio = new IstioRouting();
      istio.virtualService = new IstioRouting.VirtualServiceRef();
      istio.virtualService.name = "app";
      // with no HTTP route, a name in routes that matches none (issue 14, item 7)
      istio.virtualService.routes = http ? listed(random, service.path("spec").path("http"),
          route -> hasDestination(route.path("route"), subsets))
          : random.nextBoolean() ? List.of("primary") : null;
      if (subsets) {
        istio.destinationRule = new IstioRouting.DestinationRuleRef();
        istio.destinationRule.name = "app";
        istio.destinationRule.stableSubsetName = "stable";
        istio.destinationRule.canarySubsetName = "canary";
      }
      List<String> precedence = precedence(orders);
      RouteTableEditor editor = new RouteTableEditor(new IstioRoutes(istio,
          istio.virtualService, RouterCapabilities.of(istio), STABLE, CANARY), precedence);

      String why = "object " + i + ": " + original + " (routes " + istio.virtualService.routes
          + ", managedRoutes " + precedence + ")";
      runTheSteps(editor, service, "http", precedence, random, http, http, http, why);

      Predicate<JsonNode> isDestination = d -> GeneratedRoutes.isDestination(d, subsets);
      List<String> sections = List.of("http", "tcp", "tls");
      assertThat(text(normalised(service, "route", isDestination, sections))).as(why)
          .isEqualTo(text(normalised(original, "route", isDestination, sections)));
    }
  }

  @Test
  void apisixRoutesEndAsTheyBegan() {
    Random random = new Random(16);
    GeneratedRoutes generate = new GeneratedRoutes(random);
    for (int i = 0; i < OBJECTS; i++) {
      ObjectNode route = generate.apisixRoute();
      ObjectNode original = route.deepCopy();
      List<String> listed = listed(random, route.path("spec").path("http"),
          rule -> rule.path("backends").findValuesAsText("serviceName").contains(STABLE));
      RouteTableEditor editor = new RouteTableEditor(new ApisixRoutes("app", STABLE, CANARY,
          listed), List.of());

      String why = "object " + i + ": " + original + " (rules " + listed + ")";
      runTheSteps(editor, route, "http", List.of(), random, true, false, false, why);

      List<String> sections = List.of("http");
      assertThat(text(normalised(route, "backends", GeneratedRoutes::isApisixBackend, sections)))
          .as(why).isEqualTo(text(normalised(original, "backends",
              GeneratedRoutes::isApisixBackend, sections)));
    }
  }

  @Test
  void glooRouteTablesEndAsTheyBegan() {
    Random random = new Random(17);
    GeneratedRoutes generate = new GeneratedRoutes(random);
    for (int i = 0; i < OBJECTS; i++) {
      ObjectNode table = generate.glooRouteTable();
      ObjectNode original = table.deepCopy();
      List<String> listed = listed(random, table.path("spec").path("routes"),
          route -> hasGlooDestination(route));
      RouteTableEditor editor = new RouteTableEditor(new GlooRoutes("app", "shop", STABLE,
          CANARY, listed), List.of());

      String why = "object " + i + ": " + original + " (routes " + listed + ")";
      runTheSteps(editor, table, "routes", List.of(), random, true, false, false, why);

      assertThat(text(glooNormalised(table))).as(why).isEqualTo(text(glooNormalised(original)));
    }
  }

  /** No managedRoutes, or the routes of the steps in some order. */
  private static List<String> precedence(Random random) {
    if (random.nextBoolean()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(List.of("beta", "shadow", "echo"));
    Collections.shuffle(names, random);
    return names;
  }

  /**
   * With {@code mirrors} false, a mirror route is refused and the steps go on without; with
   * {@code affinities} false, a session affinity likewise.
   */
  private static void runTheSteps(RouteTableEditor editor, ObjectNode route, String requestRules,
      List<String> precedence, Random random, boolean requests, boolean mirrors,
      boolean affinities, String why) {
    int weight = 1 + random.nextInt(99);
    editor.setWeight(route, weight);
    assertThat(editor.weight(route)).as(why).isEqualTo(weight);
    List<HeaderMatch> beta = List.of(new HeaderMatch("x-beta", "1"));
    if (!requests) {
      assertThatThrownBy(() -> editor.setHeaderRoute(route, "beta", beta)).as(why)
          .isInstanceOf(RouterProblem.class);
    } else {
      editor.setHeaderRoute(route, "beta", beta);
      List<String> names = new ArrayList<>(List.of("beta"));
      Action.SetSessionAffinity affinity =
          new Action.SetSessionAffinity("session-affinity-v2", "canary-user", "v2", 86400);
      if (!affinities) {
        assertThatThrownBy(() -> editor.setSessionAffinity(route, affinity)).as(why)
            .isInstanceOf(RouterProblem.class);
      } else if (random.nextBoolean()) {
        editor.setSessionAffinity(route, affinity);
        names.add(affinity.name());
      }
      // one mirror route, with or without a match, and sometimes a second of the other kind
      boolean matched = random.nextBoolean();
      if (!mirrors) {
        assertThatThrownBy(() -> editor.setMirrorRoute(route, "shadow", 10, List.of())).as(why)
            .isInstanceOf(RouterProblem.class);
      }
      for (String mirror : !mirrors ? List.<String>of()
          : random.nextBoolean() ? List.of("shadow") : List.of("shadow", "echo")) {
        editor.setMirrorRoute(route, mirror, 1 + random.nextInt(100), matched ? List.of()
            : mirrorMatch(random, mirror, !"GRPCRoute".equals(route.path("kind").asText())));
        matched = !matched;
        names.add(mirror);
      }
      assertThat(RouteTableEditor.managedRoutes(route)).as(why)
          .containsExactlyInAnyOrderElementsOf(names);
      if (!precedence.isEmpty()) {
        List<String> rulesInOrder = new ArrayList<>();
        route.path("spec").path(requestRules).forEach(rule -> {
          // the session affinity is no route of the steps: managedRoutes does not order it
          if (names.contains(rule.path("name").asText())
              && precedence.contains(rule.path("name").asText())) {
            rulesInOrder.add(rule.path("name").asText());
          }
        });
        assertThat(rulesInOrder).as("Ramp's rules in the order of managedRoutes: " + why)
            .isSortedAccordingTo(java.util.Comparator.comparing(precedence::indexOf));
      }
      weight = 1 + random.nextInt(99);
      editor.setWeight(route, weight);
      assertThat(editor.weight(route)).as(why).isEqualTo(weight);
      assertThat(editor.routes(route)).as("all in place: " + why)
          .containsExactlyInAnyOrderElementsOf(names);
      Collections.shuffle(names, random);
      names.forEach(name -> editor.removeRoute(route, name));
      assertThat(RouteTableEditor.managedRoutes(route)).as(why).isEmpty();
      assertThat(route.toString()).as("no Set-Cookie left: " + why).doesNotContain("canary-user");
    }
    editor.setWeight(route, 0);
    assertThat(editor.weight(route)).as(why).isZero();
  }

  /**
   * Names some rules are listed by, or null (all rules): at least one rule that is weighed,
   * else null.
   */
  /** Argo's shape: a header, and a method and a path where the route matches them. */
  private static List<RouteMatch> mirrorMatch(Random random, String mirror, boolean http) {
    RouteMatch match = RouteMatch.ofHeaders(List.of(new HeaderMatch("x-" + mirror, "yes")));
    if (http && random.nextBoolean()) {
      match.method = StringMatch.exact("POST");
    }
    if (http && random.nextBoolean()) {
      match.path = new StringMatch();
      match.path.prefix = "/" + mirror;
    }
    return random.nextBoolean() ? List.of(match)
        : List.of(match, RouteMatch.ofHeaders(List.of(new HeaderMatch("x-all", "1"))));
  }

  private static List<String> listed(Random random, JsonNode rules, Predicate<JsonNode> toStable) {
    if (random.nextBoolean()) {
      return null;
    }
    List<String> listed = new ArrayList<>();
    boolean weighed = false;
    for (JsonNode rule : rules) {
      if (rule.hasNonNull("name") && (random.nextBoolean() || toStable.test(rule) && !weighed)) {
        listed.add(rule.get("name").asText());
        weighed |= toStable.test(rule);
      }
    }
    return weighed ? listed : null;
  }

  private static boolean hasRef(JsonNode refs, String service) {
    for (JsonNode ref : refs) {
      if (GeneratedRoutes.isRef(ref) && service.equals(ref.path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasDestination(JsonNode destinations, boolean subsets) {
    for (JsonNode destination : destinations) {
      if (GeneratedRoutes.isDestination(destination, subsets)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy of the object without what Ramp owns in these sections: the backends
   * {@code owned} accepts lose their weight, and canary backends go.
   */
  private static ObjectNode normalised(ObjectNode object, String backends,
      Predicate<JsonNode> owned, List<String> sections) {
    ObjectNode copy = object.deepCopy();
    sections.forEach(section -> GeneratedRoutes.each(copy.path("spec").path(section), rule -> {
      if (rule.get(backends) instanceof ArrayNode list) {
        for (int i = list.size() - 1; i >= 0; i--) {
          if (owned.test(list.get(i)) && GeneratedRoutes.isCanary(list.get(i))) {
            list.remove(i);
          } else if (owned.test(list.get(i)) && list.get(i) instanceof ObjectNode backend) {
            backend.remove("weight");
          }
        }
      }
    }));
    return copy;
  }

  private static String text(JsonNode node) {
    return node.toString();
  }

  private static boolean hasGlooDestination(JsonNode route) {
    for (JsonNode d : route.path("routeAction").path("multi").path("destinations")) {
      if (GeneratedRoutes.isGlooDestination(d) && !GeneratedRoutes.isCanary(d)) {
        return true;
      }
    }
    return false;
  }

  /** {@link #normalised} for Gloo, whose destinations are in each route's routeAction.multi. */
  private static ObjectNode glooNormalised(ObjectNode table) {
    ObjectNode copy = table.deepCopy();
    GeneratedRoutes.each(copy.path("spec").path("routes"), route -> {
      if (route.path("routeAction").get("multi") instanceof ObjectNode multi) {
        ObjectNode wrapped = normalised(wrap(multi), "destinations",
            GeneratedRoutes::isGlooDestination, List.of("multi"));
        multi.setAll((ObjectNode) wrapped.path("spec").path("multi").get(0));
      }
    });
    return copy;
  }

  /** A multi as the one rule of an object's spec section "multi", for {@link #normalised}. */
  private static ObjectNode wrap(ObjectNode multi) {
    ObjectNode object = multi.objectNode();
    object.putObject("spec").putArray("multi").add(multi.deepCopy());
    return object;
  }
}
