package dev.ramp.workloadsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Plays the Gateway API implementation of a cluster that has none: the {@code status.parents}
 * it would write on an HTTPRoute, GRPCRoute or TCPRoute, one entry per parentRef.
 *
 * <ul>
 *   <li>A Gateway accepts the route when one of its listeners (the one {@code sectionName}
 *       names, if any) allows routes from the route's namespace ({@code allowedRoutes.namespaces
 *       .from}: {@code Same}, the default, {@code All}, or {@code Selector} with
 *       {@code matchLabels}); a Gateway the cluster does not hold is played as one that accepts
 *       every route, so that routes naming a gateway work without one.
 *   <li>A Service (a mesh's parent, as Linkerd and Kuma use) accepts the route when it exists.
 *   <li>References resolve when every Service of a backendRef exists.
 * </ul>
 */
final class SimulatedGateways {
  /** The controllerName the simulated implementation writes. */
  static final String CONTROLLER = "sandbox.ramp.dev/gateway-controller";
  private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulatedGateways() {}

  /**
   * The route's status as the gateway implementation writes it, or null when the status it has
   * already says the same (the time of each condition's last transition is kept).
   */
  static ObjectNode status(JsonNode route, SimulatedRouters.Lookup cluster, Instant now) {
    String namespace = route.path("metadata").path("namespace").asText();
    long generation = route.path("metadata").path("generation").asLong(0);
    String resolved = unresolvedBackend(route, namespace, cluster);
    ObjectNode status = JSON.createObjectNode();
    ArrayNode parents = status.putArray("parents");
    JsonNode before = route.path("status").path("parents");
    for (JsonNode parentRef : route.path("spec").path("parentRefs")) {
      String refused = refusal(parentRef, namespace, cluster);
      ObjectNode parent = parents.addObject();
      parent.set("parentRef", parentRef.deepCopy());
      parent.put("controllerName", CONTROLLER);
      ArrayNode conditions = parent.putArray("conditions");
      SimulatedConditions.add(conditions, "Accepted", refused == null,
          refused == null ? "Accepted" : refused.startsWith("no listener") ? "NotAllowedByListeners"
              : "NoMatchingParent", refused == null ? "Accepted" : refused, generation);
      SimulatedConditions.add(conditions, "ResolvedRefs", resolved == null,
          resolved == null ? "ResolvedRefs" : "BackendNotFound",
          resolved == null ? "Resolved all the references" : resolved, generation);
      SimulatedConditions.keepTransitionTimes(conditions, sameParent(before, parentRef), now);
    }
    return SimulatedConditions.changed(status, route);
  }

  /** Why the parent does not accept the route, or null when it does. */
  private static String refusal(JsonNode parentRef, String routeNamespace,
      SimulatedRouters.Lookup cluster) {
    String kind = parentRef.path("kind").asText("Gateway");
    String group = parentRef.path("group").asText(GATEWAY_GROUP);
    String namespace = parentRef.path("namespace").asText(routeNamespace);
    String name = parentRef.path("name").asText();
    if ("Service".equals(kind) && (group.isEmpty() || "core".equals(group))) {
      return cluster.get("v1", "Service", namespace, name) != null ? null
          : "Service \"" + name + "\" not found";
    }
    JsonNode gateway = cluster.get(GATEWAY_GROUP + "/v1", "Gateway", namespace, name);
    if (gateway == null) {
      return null;
    }
    String section = parentRef.path("sectionName").asText("");
    for (JsonNode listener : gateway.path("spec").path("listeners")) {
      if ((section.isEmpty() || section.equals(listener.path("name").asText()))
          && allows(listener.path("allowedRoutes").path("namespaces"), namespace,
              routeNamespace, cluster)) {
        return null;
      }
    }
    return "no listener of Gateway \"" + name + "\" allows routes from namespace \""
        + routeNamespace + "\"";
  }

  private static boolean allows(JsonNode namespaces, String gatewayNamespace,
      String routeNamespace, SimulatedRouters.Lookup cluster) {
    switch (namespaces.path("from").asText("Same")) {
      case "All":
        return true;
      case "Selector":
        JsonNode labels = cluster.get("v1", "Namespace", null, routeNamespace);
        JsonNode have = labels == null ? JSON.createObjectNode()
            : labels.path("metadata").path("labels");
        for (Iterator<Map.Entry<String, JsonNode>> it =
            namespaces.path("selector").path("matchLabels").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> label = it.next();
          if (!label.getValue().asText().equals(have.path(label.getKey()).asText(null))) {
            return false;
          }
        }
        return true;
      default:
        return gatewayNamespace.equals(routeNamespace);
    }
  }

  /** The first backendRef whose Service does not exist, said as a message; null if none. */
  private static String unresolvedBackend(JsonNode route, String namespace,
      SimulatedRouters.Lookup cluster) {
    for (JsonNode rule : route.path("spec").path("rules")) {
      for (JsonNode ref : rule.path("backendRefs")) {
        if ("Service".equals(ref.path("kind").asText("Service"))
            && ref.path("group").asText("").isEmpty()) {
          String name = ref.path("name").asText();
          String in = ref.path("namespace").asText(namespace);
          if (cluster.get("v1", "Service", in, name) == null) {
            return "Service \"" + name + "\" not found";
          }
        }
      }
    }
    return null;
  }

  private static JsonNode sameParent(JsonNode parents, JsonNode parentRef) {
    for (JsonNode parent : parents) {
      if (parent.path("parentRef").equals(parentRef)
          && CONTROLLER.equals(parent.path("controllerName").asText())) {
        return parent;
      }
    }
    return JSON.createObjectNode();
  }
}
