package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Strategic merge patch as far as the sandbox needs it (no library does it): a JSON merge patch
 * (RFC 7386: null removes a key), except for lists whose elements can be told apart by a merge
 * key. Those are merged element by element (an element with {@code $patch: delete} is removed)
 * and put in the order of {@code $setElementOrder/<list>}. The merge key is the one
 * {@code $setElementOrder} names its elements by (kubectl apply sends it), else {@code name} when
 * every element has one ({@code kubectl set image}). Other lists are replaced; the other
 * {@code $} directives are dropped.
 */
final class StrategicMergePatch {
  private static final String ORDER = "$setElementOrder/";

  private StrategicMergePatch() {}

  /** The target with the patch applied; neither is changed. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject()
        ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.startsWith("$")) {
        continue;
      }
      if (value.isNull()) {
        result.remove(key);
      } else if (value.isArray()) {
        result.set(key, mergeList(result.get(key), (ArrayNode) value, patch.get(ORDER + key)));
      } else {
        result.set(key, apply(result.get(key), value));
      }
    }
    return result;
  }

  private static ArrayNode mergeList(JsonNode current, ArrayNode patch, JsonNode order) {
    String mergeKey = mergeKey(patch, order);
    ArrayNode result = mergeKey != null && current != null && current.isArray()
        ? ((ArrayNode) current).deepCopy() : Json.MAPPER.createArrayNode();
    for (JsonNode element : patch) {
      int index = mergeKey == null ? -1 : indexOf(result, mergeKey, element.get(mergeKey));
      if ("delete".equals(element.path("$patch").asText())) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, apply(result.get(index), element));
      } else {
        result.add(apply(null, element));
      }
    }
    return mergeKey == null || order == null ? result : ordered(result, mergeKey, order);
  }

  private static String mergeKey(ArrayNode patch, JsonNode order) {
    if (order != null && order.path(0).size() == 1) {
      return order.get(0).fieldNames().next();
    }
    for (JsonNode element : patch) {
      if (!element.path("name").isTextual()) {
        return null;
      }
    }
    return patch.isEmpty() ? null : "name";
  }

  /** The elements in the order given, then those the order does not name. */
  private static ArrayNode ordered(ArrayNode list, String mergeKey, JsonNode order) {
    List<JsonNode> rest = new ArrayList<>();
    list.forEach(rest::add);
    ArrayNode result = Json.MAPPER.createArrayNode();
    for (JsonNode position : order) {
      int index = indexOf(list, mergeKey, position.get(mergeKey));
      if (index >= 0) {
        result.add(list.get(index));
        rest.remove(list.get(index));
      }
    }
    return result.addAll(rest);
  }

  private static int indexOf(ArrayNode list, String mergeKey, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).get(mergeKey) != null && list.get(i).get(mergeKey).equals(value)) {
        return i;
      }
    }
    return -1;
  }
}
