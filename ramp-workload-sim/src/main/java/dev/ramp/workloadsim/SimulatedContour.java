package dev.ramp.workloadsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Plays Contour for a cluster that has none: the status it writes on an HTTPProxy. The proxy is
 * valid when every Service its routes name exists in its namespace; otherwise it is invalid,
 * with an error per missing Service, as Contour words them.
 */
final class SimulatedContour {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulatedContour() {}

  /** The proxy's status as Contour writes it, or null when it already says the same. */
  static ObjectNode status(JsonNode proxy, SimulatedRouters.Lookup cluster, Instant now) {
    String namespace = proxy.path("metadata").path("namespace").asText();
    long generation = proxy.path("metadata").path("generation").asLong(0);
    ObjectNode status = JSON.createObjectNode();
    ArrayNode conditions = status.putArray("conditions");
    ArrayNode errors = JSON.createArrayNode();
    for (JsonNode route : proxy.path("spec").path("routes")) {
      for (JsonNode service : route.path("services")) {
        String name = service.path("name").asText();
        if (cluster.get("v1", "Service", namespace, name) == null) {
          ObjectNode error = errors.addObject();
          error.put("type", "ServiceError");
          error.put("status", "True");
          error.put("reason", "ServiceUnresolvedReference");
          error.put("message", "Spec.Routes unresolved service reference: service \""
              + namespace + "/" + name + "\" not found");
        }
      }
    }
    String description = errors.isEmpty() ? "Valid HTTPProxy"
        : "At least one error present, see Errors for details";
    ObjectNode valid = SimulatedConditions.add(conditions, "Valid", errors.isEmpty(),
        errors.isEmpty() ? "Valid" : "ErrorPresent", description, generation);
    if (!errors.isEmpty()) {
      valid.set("errors", errors);
    }
    SimulatedConditions.keepTransitionTimes(conditions, proxy.path("status"), now);
    status.put("currentStatus", errors.isEmpty() ? "valid" : "invalid");
    status.put("description", description);
    return SimulatedConditions.changed(status, proxy);
  }
}
