package dev.ramp.cluster;

import com.fasterxml.jackson.databind.JsonNode;

/** Names one object: its API version and kind, its namespace (null for a cluster-wide one), its name. */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) {

  /** The key of an object given as JSON. */
  public static ObjectKey of(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return new ObjectKey(object.path("apiVersion").asText(), object.path("kind").asText(),
        metadata.path("namespace").asText(null), metadata.path("name").asText());
  }

  @Override
  public String toString() {
    return kind + " \"" + name + "\"" + (namespace == null ? "" : " in namespace " + namespace);
  }
}
