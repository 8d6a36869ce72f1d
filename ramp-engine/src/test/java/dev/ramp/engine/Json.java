package dev.ramp.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    try {
      return (T) MAPPER.readValue(MAPPER.writeValueAsString(value), value.getClass());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
