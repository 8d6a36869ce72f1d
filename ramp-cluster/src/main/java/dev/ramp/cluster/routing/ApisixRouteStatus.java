package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.engine.RouterView.NotInEffect;
import dev.ramp.engine.RouterView.NotInEffect.Reason;

/**
 * Whether the APISIX ingress controller has synced an ApisixRoute to APISIX, as it reports in
 * the route's {@code status.conditions}: {@code ResourcesAvailable} (1.x, reason
 * {@code ResourcesSynced} or {@code ResourceSyncAborted}) or {@code Accepted} (2.x), for the
 * route's current generation.
 */
final class ApisixRouteStatus {
  private ApisixRouteStatus() {}

  /** Why the route is not in effect, or null when APISIX has it. */
  static NotInEffect of(ObjectNode route) {
    String what = "ApisixRoute \"" + route.path("metadata").path("name").asText() + "\"";
    JsonNode status = route.path("status");
    JsonNode synced = StatusConditions.find(status, "ResourcesAvailable");
    if (synced == null) {
      synced = StatusConditions.find(status, "Accepted");
    }
    if (synced == null) {
      return new NotInEffect(Reason.UNANSWERED, "waiting for APISIX to take up " + what);
    }
    if (!StatusConditions.current(synced, route)) {
      return new NotInEffect(Reason.CATCHING_UP, "waiting for APISIX to take up generation "
          + StatusConditions.generation(route) + " of " + what);
    }
    return "True".equals(synced.path("status").asText()) ? null
        : new NotInEffect(Reason.REFUSED, what + " is not synced to APISIX: "
            + StatusConditions.said(synced));
  }
}
