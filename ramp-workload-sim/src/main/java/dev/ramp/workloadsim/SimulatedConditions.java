package dev.ramp.workloadsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The Kubernetes conditions a simulated router writes in the status of the objects it takes. */
final class SimulatedConditions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulatedConditions() {}

  /** Adds a condition about the object's {@code generation} (0: the object has none). */
  static ObjectNode add(ArrayNode conditions, String type, boolean holds, String reason,
      String message, long generation) {
    ObjectNode condition = conditions.addObject();
    condition.put("type", type);
    condition.put("status", holds ? "True" : "False");
    condition.put("reason", reason);
    condition.put("message", message);
    if (generation > 0) {
      condition.put("observedGeneration", generation);
    }
    return condition;
  }

  /** A condition whose status did not change keeps the time it last changed. */
  static void keepTransitionTimes(ArrayNode conditions, JsonNode before, Instant now) {
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

  /** The status, or null when the object's status already says the same. */
  static ObjectNode changed(ObjectNode status, JsonNode object) {
    try {
      return JSON.readTree(status.toString())
          .equals(JSON.readTree(object.path("status").toString())) ? null : status;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Jackson cannot read JSON it wrote", e);
    }
  }
}
