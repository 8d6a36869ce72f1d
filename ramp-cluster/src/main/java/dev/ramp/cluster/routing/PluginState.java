package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.engine.Action;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The canary weight and the header and mirror routes of a router plugin, whole, as the protocol
 * writes them: what a plugin says is in effect, or what Ramp wants in effect. A route's match is
 * kept as JSON (a list of header matches, empty for every request).
 */
final class PluginState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private int canaryWeight;
  /** Header route name to its match. */
  private final Map<String, ArrayNode> headerRoutes = new LinkedHashMap<>();
  /** Mirror route name to its percentage and match. */
  private final Map<String, ObjectNode> mirrorRoutes = new LinkedHashMap<>();

  private PluginState() {}

  /**
   * The state a plugin's read answer gives.
   *
   * @throws RouterProblem naming the field of the answer that is not as the protocol says
   */
  static PluginState read(JsonNode answer, String plugin) {
    PluginState state = new PluginState();
    state.canaryWeight = percentage(answer.get("canaryWeight"), "canaryWeight", plugin);
    for (JsonNode route : routes(answer, "headerRoutes", plugin)) {
      state.headerRoutes.put(name(route, "headerRoutes", plugin),
          match(route, "headerRoutes", plugin));
    }
    for (JsonNode route : routes(answer, "mirrorRoutes", plugin)) {
      String name = name(route, "mirrorRoutes", plugin);
      state.mirrorRoutes.put(name, mirror(percentage(route.get("percentage"),
          "mirrorRoutes[" + name + "].percentage", plugin), match(route, "mirrorRoutes", plugin)));
    }
    return state;
  }

  /** This state with a route change made. */
  PluginState with(Action.RouteChange change) {
    PluginState next = new PluginState();
    next.canaryWeight = canaryWeight;
    next.headerRoutes.putAll(headerRoutes);
    next.mirrorRoutes.putAll(mirrorRoutes);
    if (change instanceof Action.SetTrafficWeight weight) {
      next.canaryWeight = weight.weight();
    } else if (change instanceof Action.SetHeaderRoute route) {
      next.headerRoutes.put(route.name(), JSON.valueToTree(route.match()));
    } else if (change instanceof Action.SetMirrorRoute route) {
      next.mirrorRoutes.put(route.name(), mirror(route.percentage(),
          route.match() == null ? JSON.createArrayNode() : JSON.valueToTree(route.match())));
    } else if (change instanceof Action.SetExtraWeights extras) {
      if (!extras.weights().isEmpty()) {
        throw RouterProblem.extraRefused("A router plugin");
      }
    } else if (change instanceof Action.RemoveRoute route) {
      next.headerRoutes.remove(route.name());
      next.mirrorRoutes.remove(route.name());
    } else {
      throw new IllegalArgumentException("unknown route change " + change);
    }
    return next;
  }

  int canaryWeight() {
    return canaryWeight;
  }

  /** The names of the header and mirror routes. */
  Set<String> routes() {
    Set<String> names = new LinkedHashSet<>(headerRoutes.keySet());
    names.addAll(mirrorRoutes.keySet());
    return Set.copyOf(names);
  }

  /** As the protocol writes it: canaryWeight, headerRoutes and mirrorRoutes. */
  ObjectNode toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("canaryWeight", canaryWeight);
    ArrayNode headers = json.putArray("headerRoutes");
    headerRoutes.forEach((name, match) -> headers.addObject().put("name", name)
        .set("match", match));
    ArrayNode mirrors = json.putArray("mirrorRoutes");
    mirrorRoutes.forEach((name, mirror) -> mirrors.addObject().put("name", name)
        .setAll(mirror));
    return json;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PluginState state && state.canaryWeight == canaryWeight
        && state.headerRoutes.equals(headerRoutes) && state.mirrorRoutes.equals(mirrorRoutes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(canaryWeight, headerRoutes, mirrorRoutes);
  }

  private static ObjectNode mirror(int percentage, ArrayNode match) {
    ObjectNode mirror = JSON.createObjectNode();
    mirror.put("percentage", percentage);
    mirror.set("match", match);
    return mirror;
  }

  private static int percentage(JsonNode value, String field, String plugin) {
    if (value == null || !value.canConvertToExactIntegral() || value.asInt() < 0
        || value.asInt() > 100) {
      throw malformed(plugin, field + " must be a whole number from 0 to 100, not " + value);
    }
    return value.asInt();
  }

  private static Iterable<JsonNode> routes(JsonNode answer, String field, String plugin) {
    JsonNode routes = answer.get(field);
    if (routes == null || routes.isNull()) {
      return JSON.createArrayNode();
    }
    if (!routes.isArray()) {
      throw malformed(plugin, field + " must be a list");
    }
    return routes;
  }

  private static String name(JsonNode route, String field, String plugin) {
    if (!route.path("name").isTextual()) {
      throw malformed(plugin, "each of " + field + " must have a name");
    }
    return route.get("name").asText();
  }

  private static ArrayNode match(JsonNode route, String field, String plugin) {
    JsonNode match = route.get("match");
    if (match == null || match.isNull()) {
      return JSON.createArrayNode();
    }
    if (!(match instanceof ArrayNode list)) {
      throw malformed(plugin, field + "[" + route.path("name").asText() + "].match must be a list");
    }
    return list;
  }

  private static RouterProblem malformed(String plugin, String what) {
    return new RouterProblem("router plugin " + plugin + " gave a malformed read answer: " + what);
  }
}
