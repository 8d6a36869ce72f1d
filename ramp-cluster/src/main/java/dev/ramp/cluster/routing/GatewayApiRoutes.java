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
 * TCPRoute's rules have backendRefs only. A canary's fresh baseline and an experiment's
 * weighted templates are backendRefs of their own, to their Services.
 */
record GatewayApiRoutes(RouterKind kind, String routeName, RouterCapabilities capabilities,
    String stableService, String canaryService, List<String> listedRules)
    implements RouteTable {
  private static final String FILTERS = "filters";
  private static final String RESPONSE_HEADERS = "ResponseHeaderModifier";
  private static final String MODIFIER = "responseHeaderModifier";

  @Override
  public String requestRules() {
    return "rules";
  }

  @Override
  public List<ObjectNode> weighed(ObjectNode route, Set<String> managed) {
    return listedOrManagedToStable(route, listedRules, managed, kind.kind() + " \"" + routeName
        + "\" has no rule with a backendRef to the stable Service \"" + stableService + "\"");
  }

  @Override
  public String backends() {
    return "backendRefs";
  }

  @Override
  public boolean leadsTo(JsonNode ref, boolean stable) {
    return (stable ? stableService : canaryService).equals(serviceOf(ref));
  }

  /** The backendRef's name when it is a Service of the core group (the default kind). */
  @Override
  public String serviceOf(JsonNode ref) {
    return "Service".equals(ref.path("kind").asText("Service"))
        && ref.path("group").asText("").isEmpty() ? ref.path("name").asText(null) : null;
  }

  @Override
  public ObjectNode backendLike(ObjectNode stableRef, String service) {
    ObjectNode backend = stableRef.deepCopy();
    backend.put("name", service);
    return backend;
  }

  @Override
  public int weightOf(JsonNode ref) {
    return ref.path("weight").asInt(1);
  }

  @Override
  public ObjectNode canaryLike(ObjectNode stableRef) {
    return backendLike(stableRef, canaryService);
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

  /** A Set-Cookie added by the backendRef's ResponseHeaderModifier filter (one, as the API wants). */
  @Override
  public void addSetCookie(ObjectNode ref, String value) {
    ObjectNode filter = headerFilters(ref).stream().findFirst().orElseGet(() -> {
      ObjectNode added = JsonFields.list(ref, FILTERS, "backendRef").addObject();
      added.put("type", RESPONSE_HEADERS);
      return added;
    });
    ObjectNode modifier = JsonFields.object(filter, MODIFIER, "a ResponseHeaderModifier filter");
    ObjectNode header = JsonFields.list(modifier, "add", MODIFIER).addObject();
    header.put("name", SessionCookie.SET_COOKIE);
    header.put("value", value);
  }

  @Override
  public boolean setsCookie(JsonNode ref, SessionCookie cookie) {
    return headerFilters(ref).stream().anyMatch(filter -> !setCookies(filter, cookie).isEmpty());
  }

  @Override
  public void removeSetCookie(ObjectNode ref, SessionCookie cookie) {
    for (ObjectNode filter : headerFilters(ref)) {
      List<ObjectNode> setCookies = setCookies(filter, cookie);
      if (setCookies.isEmpty()) {
        continue;
      }
      ObjectNode modifier = (ObjectNode) filter.get(MODIFIER);
      ArrayNode added = (ArrayNode) modifier.get("add");
      setCookies.forEach(header -> JsonFields.remove(added, header));
      if (added.isEmpty()) {
        modifier.remove("add");
      }
      if (modifier.isEmpty()) {
        JsonFields.remove((ArrayNode) ref.get(FILTERS), filter);
      }
    }
    if (ref.get(FILTERS) instanceof ArrayNode filters && filters.isEmpty()) {
      ref.remove(FILTERS);
    }
  }

  /** A backendRef's ResponseHeaderModifier filters. */
  private static List<ObjectNode> headerFilters(JsonNode ref) {
    return JsonFields.objects(ref, FILTERS).stream()
        .filter(filter -> RESPONSE_HEADERS.equals(filter.path("type").asText()))
        .toList();
  }

  /** The cookie's Set-Cookie headers a ResponseHeaderModifier filter adds. */
  private static List<ObjectNode> setCookies(ObjectNode filter, SessionCookie cookie) {
    return JsonFields.objects(filter.path(MODIFIER), "add").stream()
        .filter(header -> SessionCookie.SET_COOKIE.equalsIgnoreCase(header.path("name").asText())
            && cookie.setBy(header.path("value").asText(null)))
        .toList();
  }
}
