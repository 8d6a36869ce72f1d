package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes fields of objects other projects define, where any optional field may be
 * absent, null or empty: reads never fail, and a write into a field holding something of the
 * wrong type is a {@link RouterProblem} naming the field, never a cast that throws.
 */
final class JsonFields {
  private JsonFields() {}

  /** The objects of a list field, in order; none when it is absent, null or not a list. */
  static List<ObjectNode> objects(JsonNode parent, String field) {
    List<ObjectNode> objects = new ArrayList<>();
    if (!(parent.path(field) instanceof ArrayNode list)) {
      return objects;
    }
    for (JsonNode element : list) {
      if (element instanceof ObjectNode object) {
        objects.add(object);
      }
    }
    return objects;
  }

  /** The list field of an object, added empty when absent or null. */
  static ArrayNode list(ObjectNode parent, String field, String where) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ArrayNode list) {
      return list;
    }
    if (existing != null && !existing.isNull()) {
      throw new RouterProblem(where + "." + field + " is not a list");
    }
    return parent.putArray(field);
  }

  /** The object field of an object, added empty when absent or null. */
  static ObjectNode object(ObjectNode parent, String field, String where) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    if (existing != null && !existing.isNull()) {
      throw new RouterProblem(where + "." + field + " is not an object");
    }
    return parent.putObject(field);
  }

  /** Removes an element from a list, found by identity (equal copies elsewhere stay). */
  static void remove(ArrayNode list, JsonNode element) {
    int at = indexOf(list, element);
    if (at >= 0) {
      list.remove(at);
    }
  }

  /** The position of an element in a list, found by identity; -1 when it is not there. */
  static int indexOf(Iterable<? extends JsonNode> list, JsonNode element) {
    int i = 0;
    for (JsonNode candidate : list) {
      if (candidate == element) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** How a message names a rule or route: by its name, when it has one. */
  static String named(ObjectNode rule) {
    String name = rule.path("name").asText("");
    return name.isEmpty() ? "a rule with no name" : "rule \"" + name + "\"";
  }
}
