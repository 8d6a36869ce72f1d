package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes conditions a router writes in the status of an object it takes up
 * ({@code type}, {@code status}, {@code observedGeneration}, {@code reason}, {@code message}).
 */
final class StatusConditions {
  private StatusConditions() {}

  /** The condition of the type in {@code holder.conditions}, or null when there is none. */
  static JsonNode find(JsonNode holder, String type) {
    for (ObjectNode condition : JsonFields.objects(holder, "conditions")) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return null;
  }

  /**
   * True when the condition speaks of the object's current generation: it names that one or a
   * later one, or it names none (a router that does not say is taken at its word).
   */
  static boolean current(JsonNode condition, ObjectNode object) {
    long generation = generation(object);
    return generation == 0 || !condition.has("observedGeneration")
        || condition.path("observedGeneration").asLong() >= generation;
  }

  static long generation(ObjectNode object) {
    return object.path("metadata").path("generation").asLong(0);
  }

  /** What the condition says: its message, or its reason when it has none. */
  static String said(JsonNode condition) {
    String message = condition.path("message").asText("");
    return message.isEmpty() ? condition.path("reason").asText("no reason given") : message;
  }
}
