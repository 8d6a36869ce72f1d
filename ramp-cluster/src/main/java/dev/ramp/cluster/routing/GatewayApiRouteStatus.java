package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.engine.RouterView.NotInEffect;
import dev.ramp.engine.RouterView.NotInEffect.Reason;
import java.util.List;

/**
 * Whether a Gateway API route is in effect, as its parents (Gateways, or Services for a mesh)
 * report in {@code status.parents}: each parent the route names must say {@code Accepted=True}
 * and {@code ResolvedRefs=True} for the route's current {@code metadata.generation}. Until it
 * does, the weights in the route steer no request, or steer them as an older version said.
 */
final class GatewayApiRouteStatus {
  private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  private GatewayApiRouteStatus() {}

  /** Why the route is not in effect, or null when every parent reports that it is. */
  static NotInEffect of(RouterKind kind, ObjectNode route) {
    JsonNode metadata = route.path("metadata");
    String what = kind.kind() + " \"" + metadata.path("name").asText() + "\"";
    String namespace = metadata.path("namespace").asText("");
    long generation = StatusConditions.generation(route);
    List<ObjectNode> reports = JsonFields.objects(route.path("status"), "parents");
    NotInEffect pending = null;
    for (ObjectNode parentRef : JsonFields.objects(route.path("spec"), "parentRefs")) {
      String parent = describe(parentRef, namespace);
      List<ObjectNode> fromParent = reports.stream()
          .filter(report -> Parent.of(report.path("parentRef"), namespace)
              .equals(Parent.of(parentRef, namespace)))
          .toList();
      if (fromParent.isEmpty()) {
        pending = NotInEffect.first(pending, new NotInEffect(Reason.UNANSWERED,
            "waiting for " + parent + " to accept " + what));
      }
      for (ObjectNode report : fromParent) {
        for (String type : List.of("Accepted", "ResolvedRefs")) {
          JsonNode condition = StatusConditions.find(report, type);
          if (condition == null || !StatusConditions.current(condition, route)) {
            pending = NotInEffect.first(pending, new NotInEffect(Reason.CATCHING_UP,
                "waiting for " + parent + " to accept generation " + generation + " of " + what));
          } else if (!"True".equals(condition.path("status").asText())) {
            return new NotInEffect(Reason.REFUSED, refusal(what, parent, type, condition));
          }
        }
      }
    }
    return pending;
  }

  private static String refusal(String what, String parent, String type, JsonNode condition) {
    String said = StatusConditions.said(condition);
    return "Accepted".equals(type) ? what + " is not accepted by " + parent + ": " + said
        : what + ": " + parent + " cannot resolve its backendRefs: " + said;
  }

  /** How messages name a parent: its kind and name, and its namespace when not the route's. */
  private static String describe(JsonNode parentRef, String routeNamespace) {
    Parent parent = Parent.of(parentRef, routeNamespace);
    return parent.kind + " \"" + (parent.namespace.equals(routeNamespace) ? ""
        : parent.namespace + "/") + parent.name + "\"";
  }

  /** A parentRef with the Gateway API's defaults filled in, to tell which report is whose. */
  private record Parent(String group, String kind, String namespace, String name,
      String sectionName, int port) {
    static Parent of(JsonNode ref, String routeNamespace) {
      String group = ref.path("group").asText(GATEWAY_GROUP);
      return new Parent("core".equals(group) ? "" : group, ref.path("kind").asText("Gateway"),
          ref.path("namespace").asText(routeNamespace), ref.path("name").asText(""),
          ref.path("sectionName").asText(""), ref.path("port").asInt(0));
    }
  }
}
