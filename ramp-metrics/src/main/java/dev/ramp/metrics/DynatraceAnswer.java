package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series of a Dynatrace metrics answer ("Metrics API - GET metric data points",
 * docs.dynatrace.com/docs/dynatrace-api/environment-api/metric-v2/get-data-points): a
 * {@code result} per metric of the selector, each with {@code data}, one series per
 * combination of dimensions ({@code dimensionMap}) with {@code timestamps} and their
 * {@code values}, null where there was no data.
 */
final class DynatraceAnswer {
  private DynatraceAnswer() {}

  static List<ValueSeries> series(String body) throws MeasurementException {
    JsonNode answer = AnswerJson.object(body, "the answer");
    if (answer.path("error").isObject()) {
      throw new MeasurementException("the query failed: " + answer.path("error")
          .path("message").asText());
    }
    if (!answer.path("result").isArray()) {
      throw new MeasurementException("the answer has no result list");
    }
    List<ValueSeries> series = new ArrayList<>();
    for (JsonNode metric : answer.path("result")) {
      for (JsonNode one : metric.path("data")) {
        String name = metric.path("metricId").asText() + dimensions(one);
        JsonNode values = one.path("values");
        if (values.size() != one.path("timestamps").size()) {
          throw new MeasurementException("series " + name + " has " + values.size()
              + " values for " + one.path("timestamps").size() + " timestamps: a partial"
              + " series");
        }
        List<Double> points = new ArrayList<>();
        for (JsonNode value : values) {
          points.add(ValueSeries.point(name, value));
        }
        series.add(new ValueSeries(name, points));
      }
    }
    return series;
  }

  /** The series' dimensions, e.g. {@code {dt.entity.service=SERVICE-1234}}; none: empty. */
  private static String dimensions(JsonNode series) {
    Map<String, String> dimensions = new TreeMap<>();
    series.path("dimensionMap").fields().forEachRemaining(dimension -> dimensions.put(
        dimension.getKey(), dimension.getValue().asText()));
    return dimensions.isEmpty() ? "" : dimensions.toString().replace(", ", ",");
  }
}
