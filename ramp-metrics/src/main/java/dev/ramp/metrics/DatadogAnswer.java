package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The series of a Datadog answer: v1's {@code series[].pointlist} of {@code [time, value]}
 * ("Query timeseries points", docs.datadoghq.com/api/latest/metrics/#query-timeseries-points)
 * and v2's {@code data.attributes.series} with a row of {@code values} per series over the
 * shared {@code times} ("Query timeseries data across multiple products",
 * docs.datadoghq.com/api/latest/metrics/#query-timeseries-data-across-multiple-products).
 * A point without a value is kept as null; an error the answer reports, or an answer of another
 * shape, is an error.
 */
final class DatadogAnswer {
  /** One series: how messages name it, and its points in time order (null: no value). */
  record Series(String name, List<Double> points) {}

  private DatadogAnswer() {}

  static List<Series> v1(String body) throws MeasurementException {
    JsonNode answer = AnswerJson.object(body, "the answer");
    if ("error".equals(answer.path("status").asText())) {
      throw new MeasurementException("the query failed: " + answer.path("error").asText());
    }
    if (!answer.path("series").isArray()) {
      throw new MeasurementException("the answer has no series list");
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode one : answer.path("series")) {
      String name = one.path("scope").asText(one.path("expression").asText("series "
          + series.size()));
      List<Double> points = new ArrayList<>();
      for (JsonNode point : one.path("pointlist")) {
        if (!point.isArray() || point.size() != 2) {
          throw new MeasurementException("series " + name + " has a point that is not"
              + " [time, value]: a partial series");
        }
        points.add(value(point.get(1), name));
      }
      series.add(new Series(name, points));
    }
    return series;
  }

  static List<Series> v2(String body) throws MeasurementException {
    JsonNode answer = AnswerJson.object(body, "the answer");
    String errors = answer.path("errors").asText("");
    if (!errors.isEmpty()) {
      throw new MeasurementException("the query failed: " + errors);
    }
    JsonNode attributes = answer.path("data").path("attributes");
    if (!attributes.isObject()) {
      throw new MeasurementException("the answer has no data.attributes");
    }
    int times = attributes.path("times").size();
    JsonNode values = attributes.path("values");
    List<Series> series = new ArrayList<>();
    for (JsonNode one : attributes.path("series")) {
      String name = one.path("group_tags").size() == 0 ? "of query " + series.size()
          : one.path("group_tags").toString();
      JsonNode row = values.path(series.size());
      if (row.size() != times) {
        throw new MeasurementException("series " + name + " has " + row.size()
            + " values for " + times + " times: a partial series");
      }
      List<Double> points = new ArrayList<>();
      for (JsonNode value : row) {
        points.add(value(value, name));
      }
      series.add(new Series(name, points));
    }
    return series;
  }


  private static Double value(JsonNode value, String series) throws MeasurementException {
    if (value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new MeasurementException("series " + series + " has a value that is not a number");
    }
    return value.asDouble();
  }
}
