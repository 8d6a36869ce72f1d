package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.engine.RouterView.NotInEffect;
import dev.ramp.engine.RouterView.NotInEffect.Reason;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether Gloo Edge rejects a RouteTable, as it reports in {@code status.statuses.<namespace>}
 * (the namespace Gloo runs in; {@code status} itself before Gloo 1.8): {@code state}
 * {@code Rejected} (or {@code 2}, as older Gloo writes it) with its {@code reason}. Gloo's status
 * names no generation, so whether it has taken up Ramp's latest write cannot be told: a
 * RouteTable it does not reject counts as soon as it says the weight.
 */
final class GlooRouteTableStatus {
  private GlooRouteTableStatus() {}

  /** The rejection Gloo reports, or null when it reports none. */
  static NotInEffect of(ObjectNode routeTable) {
    JsonNode status = routeTable.path("status");
    String rejection = rejection(status);
    for (Iterator<Map.Entry<String, JsonNode>> it = status.path("statuses").fields();
        rejection == null && it.hasNext(); ) {
      rejection = rejection(it.next().getValue());
    }
    return rejection == null ? null : new NotInEffect(Reason.REFUSED, "RouteTable \""
        + routeTable.path("metadata").path("name").asText() + "\" is rejected by Gloo: "
        + rejection);
  }

  private static String rejection(JsonNode report) {
    JsonNode state = report.path("state");
    if (!"Rejected".equals(state.asText()) && !(state.isInt() && state.asInt() == 2)) {
      return null;
    }
    String reason = report.path("reason").asText("");
    return reason.isEmpty() ? "no reason given" : reason;
  }
}
