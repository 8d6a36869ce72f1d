package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.sim.apiserver.ResourceType.PrinterColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Server-side printing: objects as the {@code meta.k8s.io/v1 Table} that {@code kubectl get}
 * asks for, with a name column and the type's printer columns. Columns with a JSON path beyond
 * plain fields (filters, wildcards) print empty.
 */
final class Tables {
  private Tables() {}

  /** Whether the request accepts a Table, as kubectl get's does. */
  static boolean isWanted(ApiRequest request) {
    for (String mediaRange : request.accept().split(",")) {
      Map<String, String> parameters = new HashMap<>();
      for (String parameter : mediaRange.split(";")) {
        String[] pair = parameter.trim().split("=", 2);
        parameters.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
      if ("Table".equals(parameters.get("as")) && "v1".equals(parameters.get("v"))
          && "meta.k8s.io".equals(parameters.get("g"))) {
        return true;
      }
    }
    return false;
  }

  /** A list, or a single object, as a Table. */
  static ObjectNode of(ResourceType type, JsonNode listOrObject) {
    ObjectNode table = Json.MAPPER.createObjectNode()
        .put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").set("resourceVersion",
        listOrObject.path("metadata").path("resourceVersion"));
    ArrayNode columns = table.putArray("columnDefinitions");
    columns.addObject().put("name", "Name").put("type", "string").put("format", "name")
        .put("description", "Name of the object").put("priority", 0);
    for (PrinterColumn column : type.columns()) {
      columns.addObject().put("name", column.name()).put("type", column.type())
          .put("format", "").put("description", column.description())
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    Instant now = Instant.now();
    if (listOrObject.has("items")) {
      listOrObject.path("items").forEach(object -> addRow(rows, type, object, now));
    } else {
      addRow(rows, type, listOrObject, now);
    }
    return table;
  }

  private static void addRow(ArrayNode rows, ResourceType type, JsonNode object, Instant now) {
    ObjectNode row = rows.addObject();
    ArrayNode cells = row.putArray("cells").add(object.path("metadata").path("name").asText());
    for (PrinterColumn column : type.columns()) {
      JsonNode value = JsonPaths.get(object, column.jsonPath());
      if (value.isMissingNode() || value.isNull()) {
        cells.addNull();
      } else if (column.type().equals("date")) {
        cells.add(age(value.asText(), now));
      } else {
        cells.add(value);
      }
    }
    // kubectl reads namespaces and labels (for -A, --show-labels, -L) from the row's object
    ObjectNode partial = row.putObject("object")
        .put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
    partial.set("metadata", object.path("metadata"));
  }

  /** The time since a timestamp, written as the API server writes ages: 45s, 5m30s, 3h, 2d. */
  private static String age(String timestamp, Instant now) {
    Duration age;
    try {
      age = Duration.between(Instant.parse(timestamp), now);
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
    long seconds = Math.max(0, age.toSeconds());
    long minutes = seconds / 60;
    long hours = minutes / 60;
    long days = hours / 24;
    if (seconds < 120) {
      return seconds + "s";
    }
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (days < 8) {
      return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    return days / 365 + "y";
  }
}
