package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.List;
import java.util.Set;

/**
 * The routes of a Contour HTTPProxy: {@code spec.routes}, each with weighted {@code services};
 * every route with a service to the stable Service is weighed. A mirror is a service of the
 * route with {@code mirror: true}, whose weight is the percentage of requests mirrored. HTTPProxy
 * routes have no names, so Ramp adds no routes of its own: no header routes, and a mirror goes
 * on the weighed routes, for all their requests.
 */
record ContourRoutes(String proxyName, String stableService, String canaryService)
    implements RouteTable {
  private static final String MIRROR = "mirror";

  @Override
  public RouterCapabilities capabilities() {
    return RouterCapabilities.CONTOUR;
  }

  @Override
  public String requestRules() {
    return "routes";
  }

  @Override
  public List<ObjectNode> weighed(ObjectNode proxy, Set<String> managed) {
    List<ObjectNode> routes = JsonFields.objects(proxy.path("spec"), "routes").stream()
        .filter(route -> JsonFields.objects(route, backends()).stream()
            .anyMatch(service -> leadsTo(service, true)))
        .toList();
    if (routes.isEmpty()) {
      throw new RouterProblem("HTTPProxy \"" + proxyName + "\" has no route with a service to"
          + " the stable Service \"" + stableService + "\"");
    }
    return routes;
  }

  @Override
  public String backends() {
    return "services";
  }

  /** A mirror service is not a backend: it receives copies. */
  @Override
  public boolean leadsTo(JsonNode service, boolean stable) {
    return (stable ? stableService : canaryService).equals(service.path("name").asText(null))
        && !service.path(MIRROR).asBoolean(false);
  }

  /** Contour sends nothing to a service without a weight when another in the route has one. */
  @Override
  public int weightOf(JsonNode service) {
    return service.path("weight").asInt(0);
  }

  @Override
  public ObjectNode canaryLike(ObjectNode stableService) {
    ObjectNode canary = stableService.deepCopy();
    canary.put("name", canaryService);
    return canary;
  }

  /**
   * Contour mirrors a route's requests to one service at most, and reads a mirror's weight
   * (1-100) as the percentage mirrored; without a weight it mirrors every request, so 0% is no
   * mirror at all.
   */
  @Override
  public MirrorField addMirror(ObjectNode route, ObjectNode canary, int percent) {
    ArrayNode services = JsonFields.list(route, backends(), "a route of HTTPProxy");
    for (ObjectNode service : JsonFields.objects(route, backends())) {
      if (service.path(MIRROR).asBoolean(false)) {
        throw new RouterProblem("HTTPProxy \"" + proxyName + "\": a route already mirrors to \""
            + service.path("name").asText() + "\", and Contour mirrors to one service per route");
      }
    }
    if (percent > 0) {
      canary.put(MIRROR, true);
      canary.put("weight", percent);
      services.add(canary);
    }
    return MirrorField.KEEP;
  }

  @Override
  public void removeMirror(ObjectNode route, MirrorField field) {
    if (!(route.get(backends()) instanceof ArrayNode services)) {
      return;
    }
    for (ObjectNode service : JsonFields.objects(route, backends())) {
      if (canaryService.equals(service.path("name").asText(null))
          && service.path(MIRROR).asBoolean(false)) {
        JsonFields.remove(services, service);
      }
    }
  }
}
