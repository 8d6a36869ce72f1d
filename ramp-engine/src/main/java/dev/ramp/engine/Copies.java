package dev.ramp.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Deep copies of API objects, so that a decision never changes what it was given. */
public final class Copies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Copies() {}

  @SuppressWarnings("unchecked")
  public static <T> T of(T value) {
    try {
      return (T) JSON.readValue(JSON.writeValueAsBytes(value), value.getClass());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot copy a " + value.getClass().getSimpleName(), e);
    }
  }
}
