package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes of a Gloo Edge RouteTable as Flagger writes them: {@code spec.routes}, each
 * weighing {@code routeAction.multi.destinations}. A destination leads to a Service through the
 * Upstream Gloo's discovery makes for it ({@code upstream.name} {@code
 * <namespace>-<service>-<port>}) or directly ({@code kube.ref.name}); a weight left out is 0.
 * A header route is a route of its own before the weighed ones, whose matchers are the weighed
 * route's with {@code headers} added. Ramp does not write Gloo's shadowing option (see {@link
 * RouterCapabilities#GLOO}).
 */
record GlooRoutes(String tableName, String serviceNamespace, String stableService,
    String canaryService, List<String> listedRoutes) implements RouteTable {
  private static final String ROUTE_ACTION = "routeAction";

  @Override
  public RouterCapabilities capabilities() {
    return RouterCapabilities.GLOO;
  }

  @Override
  public String requestRules() {
    return "routes";
  }

  @Override
  public List<ObjectNode> weighed(ObjectNode table, Set<String> managed) {
    return listedOrManagedToStable(table, listedRoutes, managed, "RouteTable \"" + tableName
        + "\" has no route" + (listedRoutes == null ? "" : " named " + listedRoutes) + " with a"
        + " routeAction.multi destination to the stable Service \"" + stableService
        + "\" (its Upstream " + upstream(stableService, "<port>") + ", or kube.ref)");
  }

  /** The field holding a route's destinations, at {@code routeAction.multi.destinations}. */
  @Override
  public String backends() {
    return ROUTE_ACTION;
  }

  @Override
  public List<ObjectNode> backendsOf(ObjectNode route) {
    return JsonFields.objects(route.path(ROUTE_ACTION).path("multi"), "destinations");
  }

  @Override
  public ArrayNode backendList(ObjectNode route) {
    ObjectNode action = JsonFields.object(route, ROUTE_ACTION, JsonFields.named(route));
    return JsonFields.list(JsonFields.object(action, "multi", ROUTE_ACTION), "destinations",
        ROUTE_ACTION + ".multi");
  }

  @Override
  public boolean leadsTo(JsonNode weighted, boolean stable) {
    String service = stable ? stableService : canaryService;
    JsonNode destination = weighted.path("destination");
    return port(destination.path("upstream").path("name").asText(""), service) != null
        || service.equals(destination.path("kube").path("ref").path("name").asText(null));
  }

  @Override
  public int weightOf(JsonNode weighted) {
    return weighted.path("weight").asInt(0);
  }

  /** The stable destination, pointed at the canary Service's Upstream (or the Service). */
  @Override
  public ObjectNode canaryLike(ObjectNode stableWeighted) {
    ObjectNode canary = stableWeighted.deepCopy();
    ObjectNode destination = JsonFields.object(canary, "destination", "a destination");
    if (destination.get("upstream") instanceof ObjectNode upstream) {
      String port = port(upstream.path("name").asText(""), stableService);
      if (port != null) {
        upstream.put("name", upstream(canaryService, port));
      }
    }
    if (destination.path("kube").get("ref") instanceof ObjectNode ref) {
      ref.put("name", canaryService);
    }
    return canary;
  }

  @Override
  public ObjectNode matching(String name, List<HeaderMatch> match) {
    ObjectNode route = RouterObjects.object();
    route.put("name", name);
    headers(route.putArray("matchers").addObject(), match);
    return route;
  }

  /**
   * The weighed route's matchers, each with the added route's headers too (a route in a
   * delegated RouteTable must keep its parent's path prefix), and its options.
   */
  @Override
  public void inherit(ObjectNode added, ObjectNode weighed) {
    List<ObjectNode> matchers = JsonFields.objects(weighed, "matchers");
    if (!matchers.isEmpty()) {
      JsonNode headers = added.path("matchers").path(0).path("headers");
      ArrayNode merged = added.putArray("matchers");
      for (ObjectNode matcher : matchers) {
        ObjectNode copy = matcher.deepCopy();
        ArrayNode list = JsonFields.list(copy, "headers", "a matcher");
        headers.forEach(header -> list.add(header.deepCopy()));
        merged.add(copy);
      }
    }
    for (Map.Entry<String, JsonNode> field : weighed.properties()) {
      if (!added.has(field.getKey())) {
        added.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  @Override
  public MirrorField addMirror(ObjectNode route, ObjectNode canary, int percent) {
    throw new RouterProblem(capabilities().mirrorRouteRefusal());
  }

  @Override
  public void removeMirror(ObjectNode route, MirrorField field) {
    // Ramp never adds one
  }

  private static void headers(ObjectNode matcher, List<HeaderMatch> match) {
    ArrayNode headers = matcher.putArray("headers");
    for (HeaderMatch header : match) {
      ObjectNode h = headers.addObject().put("name", header.headerName);
      if (header.headerValue.regex != null) {
        h.put("value", header.headerValue.regex).put("regex", true);
      } else {
        h.put("value", header.headerValue.exact);
      }
    }
  }

  /** The name Gloo's discovery gives the Upstream of a Service's port. */
  private String upstream(String service, String port) {
    return serviceNamespace + "-" + service + "-" + port;
  }

  /** The port in an Upstream name of the Service's, or null when it is not one. */
  private String port(String upstreamName, String service) {
    String prefix = upstream(service, "");
    String port = upstreamName.startsWith(prefix) ? upstreamName.substring(prefix.length()) : "";
    return !port.isEmpty() && port.chars().allMatch(Character::isDigit) ? port : null;
  }
}
