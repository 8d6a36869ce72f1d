package dev.ramp.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Converts between Kubernetes objects as the model classes hold them and as JSON. */
public final class ObjectJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ObjectJson() {}

  public static ObjectNode of(Object value) {
    return JSON.valueToTree(value);
  }

  public static <T> T as(ObjectNode object, Class<T> type) {
    return JSON.convertValue(object, type);
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
