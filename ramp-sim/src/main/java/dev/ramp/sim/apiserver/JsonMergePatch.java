package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * JSON merge patch (RFC 7386) by Jakarta JSON Processing (Parsson). The API server holds Jackson
 * trees: they cross over as JSON text, here only.
 */
final class JsonMergePatch {
  private static final JsonProvider JSON_P = JsonProvider.provider();

  private JsonMergePatch() {}

  /** The target with the patch applied; neither is changed. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    return jackson(JSON_P.createMergePatch(jsonP(patch)).apply(jsonP(target)));
  }

  private static JsonValue jsonP(JsonNode node) {
    try (JsonReader reader = JSON_P.createReader(new StringReader(node.toString()))) {
      return reader.readValue();
    }
  }

  private static JsonNode jackson(JsonValue value) {
    try {
      return Json.MAPPER.readTree(value.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Jakarta JSON Processing wrote something that is not JSON",
          e);
    }
  }
}
