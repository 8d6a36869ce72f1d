package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A SkyWalking GraphQL answer read as an analysis needs it. GraphQL errors come with a 200 and
 * are read from the body. What proves nothing is an error, naming where in {@code data} it is:
 * a queried field that is null, a list without values, a point SkyWalking marks
 * {@code isEmptyValue: true} (a bucket without data, which it answers as 0) or whose
 * {@code value} is null (a partial series), and NaN.
 */
final class SkyWalkingAnswer {
  private SkyWalkingAnswer() {}

  /** The answer's {@code data} as plain Java: Maps, Lists, Strings, numbers, Booleans. */
  static Map<?, ?> data(String body) throws MeasurementException {
    JsonNode answer = AnswerJson.object(body, "it");
    if (answer.path("errors").isArray() && !answer.path("errors").isEmpty()) {
      List<String> messages = new ArrayList<>();
      answer.path("errors").forEach(error -> messages.add(error.path("message").asText()));
      throw new MeasurementException("with errors (" + String.join("; ", messages) + ")");
    }
    JsonNode data = answer.path("data");
    if (!data.isObject() || data.isEmpty()) {
      throw new MeasurementException("it has no data");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        throw new MeasurementException(field.getKey() + " is null: nothing was measured");
      }
      check(field.getValue(), field.getKey());
    }
    return AnswerJson.LENIENT.convertValue(data, Map.class);
  }

  /** Checks the numbers and series under {@code node}; other nulls (a label) are fine. */
  private static void check(JsonNode node, String path) throws MeasurementException {
    if (node.isNumber() && Double.isNaN(node.asDouble())) {
      throw new MeasurementException(path + " is NaN");
    }
    if (node.isArray()) {
      checkPoints(node, path);
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]");
      }
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        check(field.getValue(), path + "." + field.getKey());
      }
    }
  }

  /** A list must have values, and every point of a series one. */
  private static void checkPoints(JsonNode list, String path) throws MeasurementException {
    if (list.isEmpty()) {
      throw new MeasurementException(path + " has no values: nothing was measured");
    }
    int empty = 0;
    for (JsonNode point : list) {
      if (point.path("isEmptyValue").asBoolean(false)
          || (point.has("value") && point.get("value").isNull())) {
        empty++;
      }
    }
    if (empty > 0) {
      throw new MeasurementException(path + " has no value at " + empty + " of " + list.size()
          + " points: a partial series, which proves nothing");
    }
  }
}
