package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simple JSON paths CRDs use for their scale subresource and most printer columns, like
 * {@code .status.replicas}: fields only, no filters or wildcards.
 */
final class JsonPaths {
  private JsonPaths() {}

  private static boolean isSimple(String path) {
    return path.matches("(\\.[A-Za-z0-9_-]+)+");
  }

  /** The value at a simple path, or a missing node. */
  static JsonNode get(JsonNode root, String path) {
    if (!isSimple(path)) {
      return MissingNode.getInstance();
    }
    JsonNode node = root;
    for (String field : path.substring(1).split("\\.")) {
      node = node.path(field);
    }
    return node;
  }

  /** Sets the value at a simple path, creating the objects on the way. */
  static void set(ObjectNode root, String path, JsonNode value) {
    String[] fields = path.substring(1).split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < fields.length - 1; i++) {
      node = node.withObjectProperty(fields[i]);
    }
    node.set(fields[fields.length - 1], value);
  }
}
