package dev.ramp.controller.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.engine.RouterView;
import java.util.List;
import java.util.Map;

/**
 * Gateway API: weights on the stable and canary Services' backendRefs in the rules of an
 * HTTPRoute, GRPCRoute or TCPRoute; a header route is a rule of its own sending matching requests
 * to the canary; a mirror route is a RequestMirror filter (on the weighted rules, or on a rule of
 * its own when it has a match). HTTPRoute and GRPCRoute rules have the same shape for all of
 * these; a TCPRoute's rules have backendRefs only.
 */
final class GatewayApiRouter implements TrafficRouter {
  private static final String RULE = "rule";
  private static final String FILTER = "filter";

  private final RouterObjects objects;
  private final RouterKind kind;
  private final String routeName;

  private GatewayApiRouter(RouterObjects objects, RouterKind kind, String routeName) {
    this.objects = objects;
    this.kind = kind;
    this.routeName = routeName;
  }

  /** The router of the one route the spec names. */
  static GatewayApiRouter of(RouterObjects objects, GatewayApiRouting routing) {
    if (routing.grpcRoute != null) {
      return new GatewayApiRouter(objects, RouterKind.GRPC_ROUTE, routing.grpcRoute);
    }
    if (routing.tcpRoute != null) {
      return new GatewayApiRouter(objects, RouterKind.TCP_ROUTE, routing.tcpRoute);
    }
    return new GatewayApiRouter(objects, RouterKind.HTTP_ROUTE, routing.httpRoute);
  }

  @Override
  public RouterView read(Rollout rollout) {
    ObjectNode route = route(rollout);
    CanaryStrategy canary = canary(rollout);
    int weight = 0;
    for (JsonNode rule : weighted(rollout, route)) {
      JsonNode stable = backend(rule, canary.stableService);
      JsonNode canaryRef = backend(rule, canary.canaryService);
      int total = stable.path("weight").asInt(1) + canaryRef.path("weight").asInt(0);
      weight = canaryRef.isMissingNode() || total == 0 ? 0
          : Math.round(100f * canaryRef.path("weight").asInt(0) / total);
      break;
    }
    return new RouterView(weight, null, null, RouterObjects.managedRoutes(route).keySet());
  }

  @Override
  public void setWeight(Rollout rollout, int weight, String stableHash, String canaryHash) {
    ObjectNode route = route(rollout);
    CanaryStrategy canary = canary(rollout);
    for (JsonNode rule : weighted(rollout, route)) {
      ArrayNode refs = (ArrayNode) rule.path("backendRefs");
      ObjectNode stable = (ObjectNode) backend(rule, canary.stableService);
      stable.put("weight", 100 - weight);
      JsonNode existing = backend(rule, canary.canaryService);
      ObjectNode canaryRef = existing.isMissingNode() ? refs.addObject() : (ObjectNode) existing;
      if (existing.isMissingNode()) {
        canaryRef.setAll(stable.deepCopy());
        canaryRef.put("name", canary.canaryService);
      }
      canaryRef.put("weight", weight);
    }
    objects.update(route);
  }

  @Override
  public void setHeaderRoute(Rollout rollout, String name, List<HeaderMatch> match) {
    requireRequests();
    ObjectNode route = route(rollout);
    removeRoute(route, name, canary(rollout).canaryService);
    ObjectNode rule = newRule(rollout, route, name, match);
    ObjectNode canaryRef = rule.putArray("backendRefs").addObject();
    canaryRef.setAll(canaryRefOf(rollout, route));
    canaryRef.put("weight", 1);
    record(route, name, RULE);
    objects.update(route);
  }

  @Override
  public void setMirrorRoute(Rollout rollout, String name, int percentage,
      List<HeaderMatch> match) {
    requireRequests();
    ObjectNode route = route(rollout);
    removeRoute(route, name, canary(rollout).canaryService);
    ObjectNode mirror = RouterObjects.object();
    mirror.put("type", "RequestMirror");
    ObjectNode requestMirror = mirror.putObject("requestMirror");
    requestMirror.set("backendRef", canaryRefOf(rollout, route));
    ((ObjectNode) requestMirror.get("backendRef")).remove("weight");
    requestMirror.put("percent", percentage);
    if (match.isEmpty()) {
      for (JsonNode rule : weighted(rollout, route)) {
        ((ObjectNode) rule).withArray("filters").add(mirror.deepCopy());
      }
      record(route, name, FILTER);
    } else {
      ObjectNode rule = newRule(rollout, route, name, match);
      rule.set("backendRefs", weighted(rollout, route).get(0).path("backendRefs").deepCopy());
      rule.putArray("filters").add(mirror);
      record(route, name, RULE);
    }
    objects.update(route);
  }

  @Override
  public void removeRoute(Rollout rollout, String name) {
    ObjectNode route = route(rollout);
    removeRoute(route, name, canary(rollout).canaryService);
    objects.update(route);
  }

  /** The spec checks refuse header and mirror steps with a TCPRoute; never write them into one. */
  private void requireRequests() {
    if (kind == RouterKind.TCP_ROUTE) {
      throw new RouterProblem("a TCPRoute cannot match headers or mirror requests");
    }
  }

  private void removeRoute(ObjectNode route, String name, String canaryService) {
    Map<String, String> managed = RouterObjects.managedRoutes(route);
    String how = managed.remove(name);
    if (how == null) {
      return;
    }
    ArrayNode rules = (ArrayNode) route.path("spec").path("rules");
    for (int i = rules.size() - 1; i >= 0; i--) {
      JsonNode rule = rules.get(i);
      if (RULE.equals(how) && name.equals(rule.path("name").asText())) {
        rules.remove(i);
      } else if (FILTER.equals(how)) {
        // the mirror filters Ramp put on the weighted rules: those mirroring to the canary
        ArrayNode filters = (ArrayNode) rule.path("filters");
        for (int f = filters.size() - 1; f >= 0; f--) {
          if (canaryService.equals(filters.get(f).path("requestMirror").path("backendRef")
              .path("name").asText())) {
            filters.remove(f);
          }
        }
      }
    }
    RouterObjects.setManagedRoutes(route, managed);
  }

  private ObjectNode newRule(Rollout rollout, ObjectNode route, String name,
      List<HeaderMatch> match) {
    ObjectNode rule = RouterObjects.object();
    rule.put("name", name);
    ArrayNode headers = rule.putArray("matches").addObject().putArray("headers");
    for (HeaderMatch header : match) {
      ObjectNode h = headers.addObject();
      h.put("name", header.headerName);
      h.put("type", header.headerValue.regex != null ? "RegularExpression" : "Exact");
      h.put("value", header.headerValue.regex != null ? header.headerValue.regex
          : header.headerValue.exact);
    }
    ((ArrayNode) route.with("spec").withArray("rules")).insert(0, rule);
    return rule;
  }

  private static void record(ObjectNode route, String name, String how) {
    Map<String, String> managed = RouterObjects.managedRoutes(route);
    managed.put(name, how);
    RouterObjects.setManagedRoutes(route, managed);
  }

  /** The canary's backendRef: the stable one's, pointing at the canary Service. */
  private ObjectNode canaryRefOf(Rollout rollout, ObjectNode route) {
    CanaryStrategy canary = canary(rollout);
    ObjectNode ref = backend(weighted(rollout, route).get(0), canary.stableService).deepCopy();
    ref.put("name", canary.canaryService);
    return ref;
  }

  /**
   * The rules Ramp weighs: those with a backendRef to the stable Service, among the rules listed
   * (all when none are) and the mirror rules Ramp added.
   */
  private List<JsonNode> weighted(Rollout rollout, ObjectNode route) {
    GatewayApiRouting routing = canary(rollout).trafficRouting.gatewayAPI;
    List<JsonNode> rules = RouterObjects.weighed(route, route.path("spec").path("rules"),
        routing.rules, rule -> !backend(rule, canary(rollout).stableService).isMissingNode());
    if (rules.isEmpty()) {
      throw new RouterProblem(kind.kind() + " \"" + routeName + "\" has no rule with a"
          + " backendRef to the stable Service \"" + canary(rollout).stableService + "\"");
    }
    return rules;
  }

  private static JsonNode backend(JsonNode rule, String service) {
    for (JsonNode ref : rule.path("backendRefs")) {
      if (service.equals(ref.path("name").asText()) && ref.path("kind").asText("Service")
          .equals("Service")) {
        return ref;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private ObjectNode route(Rollout rollout) {
    // TCPRoute is only in the Gateway API's experimental channel, so say where to find it
    objects.requireCrd(kind, kind == RouterKind.TCP_ROUTE ? "Gateway API (experimental channel)"
        : "Gateway API");
    GatewayApiRouting routing = canary(rollout).trafficRouting.gatewayAPI;
    String namespace = routing.namespace != null ? routing.namespace
        : rollout.getMetadata().getNamespace();
    return objects.require(kind.apiVersion(), kind.kind(), namespace, routeName);
  }

  private static CanaryStrategy canary(Rollout rollout) {
    return rollout.getSpec().strategy.canary;
  }
}
