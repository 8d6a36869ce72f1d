package dev.ramp.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/** Deep copies of API objects, so that a decision never changes what it was given. */
public final class Copies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Copies() {}

  /**
   * Copies through Jackson's token buffer rather than JSON text: the same copy, without writing
   * and parsing every number (the simulator copies an AnalysisRun's status every second).
   */
  @SuppressWarnings("unchecked")
  public static <T> T of(T value) {
    try (TokenBuffer buffer = new TokenBuffer(JSON, false)) {
      JSON.writeValue(buffer, value);
      return (T) JSON.readValue(buffer.asParser(), value.getClass());
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy a " + value.getClass().getSimpleName(), e);
    }
  }
}
