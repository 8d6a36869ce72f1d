package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.List;
import java.util.Set;

/**
 * The rules of a Gateway API HTTPRoute, GRPCRoute or TCPRoute: {@code spec.rules}, each with
 * {@code backendRefs}; a header route is a rule with {@code matches[].headers}; a mirror is a
 * RequestMirror filter. HTTPRoute and GRPCRoute rules have the same shape for all of these; a
 * TCPRoute's rules have backendRefs only.
 */
record GatewayApiRoutes(RouterKind kind, String routeName, RouterCapabilities capabilities,
    String stableService, String canaryService, List<String> listedRules) implements RouteTable {
  private static final String FILTERS = "filters";

  @Override
  public String requestRules() {
    return "rules";
  }

  @Override
  public List<ObjectNode> weighed(ObjectNode route, Set<String> managed) {
    List<ObjectNode> rules = RouteTableEditor.listedOrManaged(
        JsonFields.objects(route.path("spec"), "rules"), listedRules, managed,
        rule -> JsonFields.objects(rule, backends()).stream().anyMatch(ref -> leadsTo(ref, true)));
    if (rules.isEmpty()) {
      throw new RouterProblem(kind.kind() + " \"" + routeName + "\" has no rule with a"
          + " backendRef to the stable Service \"" + stableService + "\"");
    }
    return rules;
  }

  @Override
  public List<ObjectNode> weighedRequestRules(ObjectNode route, Set<String> managed) {
    return weighed(route, managed);
  }

  @Override
  public String backends() {
    return "backendRefs";
  }

  @Override
  public boolean leadsTo(JsonNode ref, boolean stable) {
    return (stable ? stableService : canaryService).equals(ref.path("name").asText(null))
        && "Service".equals(ref.path("kind").asText("Service"))
        && ref.path("group").asText("").isEmpty();
  }

  @Override
  public int weightOf(JsonNode ref) {
    return ref.path("weight").asInt(1);
  }

  @Override
  public ObjectNode canaryLike(ObjectNode stableRef) {
    ObjectNode canary = stableRef.deepCopy();
    canary.put("name", canaryService);
    return canary;
  }

  /**
   * A rule with a match per match: an HTTPRoute's path, method and headers; a GRPCRoute's
   * headers (its methods are gRPC services and methods, not HTTP's).
   */
  @Override
  public ObjectNode matchingAny(String name, List<RouteMatch> matches) {
    ObjectNode rule = RouterObjects.object();
    rule.put("name", name);
    ArrayNode list = rule.putArray("matches");
    for (RouteMatch match : matches) {
      ObjectNode written = list.addObject();
      if (match.path != null || match.method != null) {
        if (kind != RouterKind.HTTP_ROUTE) {
          throw new RouterProblem(kind.kind() + " \"" + routeName + "\": a mirror route of a "
              + kind.kind() + " matches headers only (no path or method)");
        }
        if (match.path != null) {
          typed(written.putObject("path"), match.path, "PathPrefix");
        }
        if (match.method != null) {
          written.put("method", match.method.exact);
        }
      }
      if (!match.headersOrNone().isEmpty()) {
        ArrayNode headers = written.putArray("headers");
        match.headers.forEach((header, value) ->
            typed(headers.addObject().put("name", header), value, null));
      }
    }
    return rule;
  }

  /** A Gateway API match: its type and value (the spec checks refuse a prefix it has not). */
  private static void typed(ObjectNode written, StringMatch match, String prefixType) {
    written.put("type", match.regex != null ? "RegularExpression"
        : match.prefix != null ? prefixType : "Exact");
    written.put("value", match.regex != null ? match.regex
        : match.prefix != null ? match.prefix : match.exact);
  }

  @Override
  public MirrorField addMirror(ObjectNode rule, ObjectNode canary, int percent) {
    JsonNode before = rule.get(FILTERS);
    MirrorField field = before == null ? MirrorField.REMOVE
        : before.isNull() ? MirrorField.NULL : MirrorField.KEEP;
    ObjectNode mirror = JsonFields.list(rule, FILTERS, JsonFields.named(rule)).addObject();
    mirror.put("type", "RequestMirror");
    ObjectNode requestMirror = mirror.putObject("requestMirror");
    requestMirror.set("backendRef", canary);
    requestMirror.put("percent", percent);
    return field;
  }

  @Override
  public void removeMirror(ObjectNode rule, MirrorField field) {
    if (!(rule.get(FILTERS) instanceof ArrayNode filters)) {
      return;
    }
    for (ObjectNode filter : JsonFields.objects(rule, FILTERS)) {
      if (leadsTo(filter.path("requestMirror").path("backendRef"), false)) {
        JsonFields.remove(filters, filter);
      }
    }
    if (filters.isEmpty() && field == MirrorField.REMOVE) {
      rule.remove(FILTERS);
    } else if (filters.isEmpty() && field == MirrorField.NULL) {
      rule.putNull(FILTERS);
    }
  }
}
