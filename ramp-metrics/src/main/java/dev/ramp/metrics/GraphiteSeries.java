package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A series of Graphite's render answer in JSON: {@code [{"target": "app.errors", "datapoints":
 * [[3.0, 1700000000], [null, 1700000060], …]}, …]} (graphite.readthedocs.io, "The Render URL
 * API", format=json). A null point is an interval in which nothing was written; graphite-web
 * writes an infinite value as {@code 1e9999}, and other servers write NaN.
 *
 * @param values the points' values that are not null, in time order
 */
record GraphiteSeries(String target, List<Double> values) {
  private static final ObjectMapper JSON = AnswerJson.LENIENT;

  static List<GraphiteSeries> parse(String body) throws MeasurementException {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      answer = null;
    }
    if (answer == null || !answer.isArray()) {
      throw new MeasurementException("the answer is not the JSON list of series that"
          + " /render?format=json gives (is the address a Graphite?)");
    }
    List<GraphiteSeries> series = new ArrayList<>();
    for (JsonNode one : answer) {
      series.add(of(one));
    }
    return series;
  }

  private static GraphiteSeries of(JsonNode series) throws MeasurementException {
    String target = series.path("target").asText();
    if (!series.path("target").isTextual() || !series.path("datapoints").isArray()) {
      throw new MeasurementException("a series has no target or no datapoints");
    }
    List<Double> values = new ArrayList<>();
    int point = 0;
    for (JsonNode datapoint : series.path("datapoints")) {
      point++;
      JsonNode value = datapoint.path(0);
      if (value.isNull()) {
        continue;
      }
      if (!value.isNumber()) {
        throw new MeasurementException("series " + target + " point " + point + " holds "
            + (value.isMissingNode() ? "nothing" : value.toString()) + ", not a number");
      }
      if (!Double.isFinite(value.asDouble())) {
        throw new MeasurementException("series " + target + " point " + point + " is "
            + value.asDouble() + ", which is not a measurement");
      }
      values.add(value.asDouble());
    }
    if (values.isEmpty()) {
      throw new MeasurementException("series " + target + " has no value in its " + point
          + " points (all null): nothing was written for it in the query's range, which"
          + " proves nothing");
    }
    return new GraphiteSeries(target, values);
  }
}
