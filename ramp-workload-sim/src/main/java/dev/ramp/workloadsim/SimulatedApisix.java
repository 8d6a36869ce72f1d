package dev.ramp.workloadsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Plays the APISIX ingress controller (1.x) for a cluster that has none: the status it writes on
 * an ApisixRoute. The route is synced when every Service its HTTP rules' backends name exists in
 * its namespace; otherwise the sync is aborted, naming the first missing Service.
 */
final class SimulatedApisix {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulatedApisix() {}

  /** The route's status as the controller writes it, or null when it already says the same. */
  static ObjectNode status(JsonNode route, SimulatedRouters.Lookup cluster, Instant now) {
    String namespace = route.path("metadata").path("namespace").asText();
    String missing = null;
    for (JsonNode rule : route.path("spec").path("http")) {
      for (JsonNode backend : rule.path("backends")) {
        String name = backend.path("serviceName").asText();
        if (missing == null && cluster.get("v1", "Service", namespace, name) == null) {
          missing = "service \"" + namespace + "/" + name + "\" not found";
        }
      }
    }
    ObjectNode status = JSON.createObjectNode();
    ArrayNode conditions = status.putArray("conditions");
    SimulatedConditions.add(conditions, "ResourcesAvailable", missing == null,
        missing == null ? "ResourcesSynced" : "ResourceSyncAborted",
        missing == null ? "Sync Successfully" : missing,
        route.path("metadata").path("generation").asLong(0));
    SimulatedConditions.keepTransitionTimes(conditions, route.path("status"), now);
    return SimulatedConditions.changed(status, route);
  }
}
