package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON reading and writing, and JSON responses. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Reads a request body; a body that is not JSON is the client's mistake (400). */
  static JsonNode read(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the request body is not valid JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a request body from memory", e);
    }
  }

  /** Reads what the store holds, which is always JSON. */
  static ObjectNode read(String stored) {
    try {
      return (ObjectNode) MAPPER.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the store holds something that is not JSON", e);
    }
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON", e);
    }
  }

  static MockResponse response(int code, Object body) {
    return new MockResponse().setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(new String(bytes(body), StandardCharsets.UTF_8));
  }
}
