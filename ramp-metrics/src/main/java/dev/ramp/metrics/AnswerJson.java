package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON of providers' answers. NaN and Infinity are not JSON, but metric stores write
 * them; they are read, so that a measurement says NaN rather than that the answer is unreadable.
 */
final class AnswerJson {
  static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private AnswerJson() {}

  /**
   * The JSON object {@code text} holds.
   *
   * @param what how messages name the text, e.g. "the answer"
   * @throws MeasurementException saying the text is not JSON, or not a JSON object
   */
  static JsonNode object(String text, String what) throws MeasurementException {
    JsonNode json;
    try {
      json = LENIENT.readTree(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      throw new MeasurementException(what + " is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new MeasurementException(what + " is not a JSON object");
    }
    return json;
  }
}
