package dev.ramp.controller.routing;

import static dev.ramp.controller.routing.IstioRoutes.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.engine.RouterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio: weights on a VirtualService's HTTP, TCP and TLS routes ({@link IstioRoutes}), between
 * the stable and canary Services (host-based) or between two subsets of a DestinationRule that
 * Ramp pins to the revisions (subset-based). Header routes are HTTP routes of their own placed
 * before the weighted ones; mirroring is Istio's {@code mirror} with {@code mirrorPercentage};
 * both are HTTP-only.
 */
final class IstioRouter implements TrafficRouter {
  private static final RouterKind VS = RouterKind.VIRTUAL_SERVICE;
  private static final RouterKind DR = RouterKind.DESTINATION_RULE;
  private static final String ROUTE = "route";
  private static final String FIELDS = "fields";

  private final RouterObjects objects;

  IstioRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    ObjectNode service = virtualService(rollout);
    int weight = 0;
    for (JsonNode route : IstioRoutes.weighted(rollout, service)) {
      JsonNode stable = destination(rollout, route, true);
      JsonNode canaryDest = destination(rollout, route, false);
      int total = stable.path("weight").asInt(0) + canaryDest.path("weight").asInt(0);
      weight = canaryDest.isMissingNode() || total == 0 ? 0
          : Math.round(100f * canaryDest.path("weight").asInt(0) / total);
      break;
    }
    String stableHash = null;
    String canaryHash = null;
    IstioRouting.DestinationRuleRef rule = routing(rollout).destinationRule;
    if (rule != null) {
      ObjectNode destinationRule = destinationRule(rollout);
      stableHash = subsetHash(destinationRule, rule.stableSubsetName);
      canaryHash = subsetHash(destinationRule, rule.canarySubsetName);
    }
    return new RouterView(weight, stableHash, canaryHash,
        RouterObjects.managedRoutes(service).keySet());
  }

  @Override
  public void setWeight(Rollout rollout, int weight, String stableHash, String canaryHash) {
    IstioRouting.DestinationRuleRef rule = routing(rollout).destinationRule;
    if (rule != null && stableHash != null) {
      ObjectNode destinationRule = destinationRule(rollout);
      pinSubset(destinationRule, rule.stableSubsetName, stableHash);
      pinSubset(destinationRule, rule.canarySubsetName, canaryHash);
      objects.update(destinationRule);
    }
    ObjectNode service = virtualService(rollout);
    for (JsonNode route : IstioRoutes.weighted(rollout, service)) {
      ObjectNode stable = (ObjectNode) destination(rollout, route, true);
      stable.put("weight", 100 - weight);
      JsonNode existing = destination(rollout, route, false);
      ObjectNode canaryDest = existing.isMissingNode()
          ? ((ArrayNode) route.path("route")).addObject() : (ObjectNode) existing;
      if (existing.isMissingNode()) {
        canaryDest.set("destination", canaryOf(rollout, stable.path("destination")));
      }
      canaryDest.put("weight", weight);
    }
    objects.update(service);
  }

  @Override
  public void setHeaderRoute(Rollout rollout, String name, List<HeaderMatch> match) {
    ObjectNode service = virtualService(rollout);
    removeRoute(rollout, service, name);
    JsonNode first = IstioRoutes.http(rollout, service).get(0);
    ObjectNode route = newRoute(service, first, name, match);
    ObjectNode canaryDest = route.putArray("route").addObject();
    canaryDest.set("destination", canaryOf(rollout, destination(rollout, first, true)
        .path("destination")));
    canaryDest.put("weight", 100);
    record(service, name, ROUTE);
    objects.update(service);
  }

  @Override
  public void setMirrorRoute(Rollout rollout, String name, int percentage,
      List<HeaderMatch> match) {
    ObjectNode service = virtualService(rollout);
    removeRoute(rollout, service, name);
    List<JsonNode> weighted = IstioRoutes.http(rollout, service);
    JsonNode mirror = canaryOf(rollout, destination(rollout, weighted.get(0), true)
        .path("destination"));
    List<JsonNode> mirrored = new ArrayList<>(weighted);
    if (!match.isEmpty()) {
      ObjectNode route = newRoute(service, weighted.get(0), name, match);
      route.set("route", weighted.get(0).path("route").deepCopy());
      mirrored = List.of(route);
    }
    for (JsonNode route : mirrored) {
      ((ObjectNode) route).set("mirror", mirror.deepCopy());
      ((ObjectNode) route).putObject("mirrorPercentage").put("value", (double) percentage);
    }
    record(service, name, match.isEmpty() ? FIELDS : ROUTE);
    objects.update(service);
  }

  @Override
  public void removeRoute(Rollout rollout, String name) {
    ObjectNode service = virtualService(rollout);
    removeRoute(rollout, service, name);
    objects.update(service);
  }

  private void removeRoute(Rollout rollout, ObjectNode service, String name) {
    Map<String, String> managed = RouterObjects.managedRoutes(service);
    String how = managed.remove(name);
    if (how == null) {
      return;
    }
    ArrayNode routes = (ArrayNode) service.path("spec").path("http");
    for (int i = routes.size() - 1; i >= 0; i--) {
      ObjectNode route = (ObjectNode) routes.get(i);
      if (ROUTE.equals(how) && name.equals(route.path("name").asText())) {
        routes.remove(i);
      } else if (FIELDS.equals(how) && IstioRoutes.is(rollout, route.path("mirror"), false)) {
        route.remove("mirror");
        route.remove("mirrorPercentage");
      }
    }
    RouterObjects.setManagedRoutes(service, managed);
  }

  /** A new HTTP route matching these headers, placed just before {@code before}. */
  private static ObjectNode newRoute(ObjectNode service, JsonNode before, String name,
      List<HeaderMatch> match) {
    ObjectNode route = RouterObjects.object();
    route.put("name", name);
    ObjectNode headers = route.putArray("match").addObject().putObject("headers");
    for (HeaderMatch header : match) {
      ObjectNode value = headers.putObject(header.headerName);
      if (header.headerValue.exact != null) {
        value.put("exact", header.headerValue.exact);
      } else if (header.headerValue.prefix != null) {
        value.put("prefix", header.headerValue.prefix);
      } else {
        value.put("regex", header.headerValue.regex);
      }
    }
    ArrayNode routes = (ArrayNode) service.path("spec").path("http");
    int at = 0;
    while (at < routes.size() && routes.get(at) != before) {
      at++;
    }
    routes.insert(at, route);
    return route;
  }

  private static void record(ObjectNode service, String name, String how) {
    Map<String, String> managed = RouterObjects.managedRoutes(service);
    managed.put(name, how);
    RouterObjects.setManagedRoutes(service, managed);
  }

  /** The canary's destination: the stable one's, with the canary host or subset. */
  private static ObjectNode canaryOf(Rollout rollout, JsonNode stableDestination) {
    ObjectNode canary = (ObjectNode) stableDestination.deepCopy();
    IstioRouting routing = routing(rollout);
    if (routing.destinationRule != null) {
      canary.put("subset", routing.destinationRule.canarySubsetName);
    } else {
      String host = canary.path("host").asText();
      String stableService = rollout.getSpec().strategy.canary.stableService;
      canary.put("host", rollout.getSpec().strategy.canary.canaryService
          + host.substring(Math.min(host.length(), stableService.length())));
    }
    return canary;
  }

  private static String subsetHash(ObjectNode destinationRule, String subset) {
    JsonNode found = subset(destinationRule, subset);
    return found.path("labels").path(RampLabels.POD_TEMPLATE_HASH).asText(null);
  }

  private static void pinSubset(ObjectNode destinationRule, String subset, String hash) {
    JsonNode found = subset(destinationRule, subset);
    if (found.isMissingNode()) {
      throw new RouterProblem("DestinationRule \"" + destinationRule.path("metadata")
          .path("name").asText() + "\" has no subset \"" + subset + "\"");
    }
    ((ObjectNode) found).with("labels").put(RampLabels.POD_TEMPLATE_HASH, hash);
  }

  private static JsonNode subset(ObjectNode destinationRule, String name) {
    for (JsonNode subset : destinationRule.path("spec").path("subsets")) {
      if (name.equals(subset.path("name").asText())) {
        return subset;
      }
    }
    return MissingNode.getInstance();
  }

  private ObjectNode virtualService(Rollout rollout) {
    objects.requireCrd(VS, "Istio");
    return objects.require(VS.apiVersion(), VS.kind(), rollout.getMetadata().getNamespace(),
        routing(rollout).virtualService.name);
  }

  private ObjectNode destinationRule(Rollout rollout) {
    objects.requireCrd(DR, "Istio");
    return objects.require(DR.apiVersion(), DR.kind(), rollout.getMetadata().getNamespace(),
        routing(rollout).destinationRule.name);
  }

  static IstioRouting routing(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.istio;
  }
}
