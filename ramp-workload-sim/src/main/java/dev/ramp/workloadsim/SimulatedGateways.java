package dev.ramp.workloadsim;

import com.fasterxml.jackson.core.JsonProcessingException;
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
public final class SimulatedGateways {
  /** The controllerName the simulated implementation writes. */
  public static final String CONTROLLER = "sandbox.ramp.dev/gateway-controller";
  private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads an object of the cluster, or null when there is none. */
  @FunctionalInterface
  public interface Lookup {
    JsonNode get(String apiVersion, String kind, String namespace, String name);
  }

  private SimulatedGateways() {}

  /**
   * The route's status as the gateway implementation writes it, or null when the status it has
   * already says the same (the time of each condition's last transition is kept).
   */
  public static ObjectNode status(JsonNode route, Lookup cluster, Instant now) {
    try {
      return changedStatus(route, cluster, now);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Jackson cannot read JSON it wrote", e);
    }
  }

  private static ObjectNode changedStatus(JsonNode route, Lookup cluster, Instant now)
      throws JsonProcessingException {
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
      condition(conditions, "Accepted", refused == null,
          refused == null ? "Accepted" : refused.startsWith("no listener") ? "NotAllowedByListeners"
              : "NoMatchingParent", refused == null ? "Accepted" : refused, generation);
      condition(conditions, "ResolvedRefs", resolved == null,
          resolved == null ? "ResolvedRefs" : "BackendNotFound",
          resolved == null ? "Resolved all the references" : resolved, generation);
      keepTransitionTimes(conditions, sameParent(before, parentRef), now);
    }
    return JSON.readTree(status.toString()).equals(JSON.readTree(route.path("status").toString()))
        ? null : status;
  }

  /** Why the parent does not accept the route, or null when it does. */
  private static String refusal(JsonNode parentRef, String routeNamespace, Lookup cluster) {
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
      String routeNamespace, Lookup cluster) {
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
  private static String unresolvedBackend(JsonNode route, String namespace, Lookup cluster) {
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

  private static void condition(ArrayNode conditions, String type, boolean holds, String reason,
      String message, long generation) {
    ObjectNode condition = conditions.addObject();
    condition.put("type", type);
    condition.put("status", holds ? "True" : "False");
    condition.put("reason", reason);
    condition.put("message", message);
    if (generation > 0) {
      condition.put("observedGeneration", generation);
    }
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

  /** A condition whose status did not change keeps the time it last changed. */
  private static void keepTransitionTimes(ArrayNode conditions, JsonNode before, Instant now) {
    for (JsonNode node : conditions) {
      ObjectNode condition = (ObjectNode) node;
      String time = now.toString();
      for (JsonNode old : before.path("conditions")) {
        if (old.path("type").equals(condition.path("type"))
            && old.path("status").equals(condition.path("status"))) {
          time = old.path("lastTransitionTime").asText(time);
        }
      }
      condition.put("lastTransitionTime", time);
    }
  }
}
