package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series of a Wavefront chart answer ("Query Api", GET /api/v2/chart/api of the Operations
 * for Applications REST API): {@code timeseries[]}, each with a {@code label}, a {@code host},
 * {@code tags} and {@code data} of {@code [epoch seconds, value]} points; a query Wavefront
 * could not run answers {@code errorType} and {@code errorMessage} instead.
 */
final class WavefrontAnswer {
  private WavefrontAnswer() {}

  static List<ValueSeries> series(String body) throws MeasurementException {
    JsonNode answer = AnswerJson.object(body, "the answer");
    if (answer.hasNonNull("errorType") || answer.hasNonNull("errorMessage")) {
      throw new MeasurementException("the query failed: " + answer.path("errorType").asText()
          + ": " + answer.path("errorMessage").asText());
    }
    if (!answer.has("timeseries") && !answer.has("query")) {
      throw new MeasurementException("the answer is not a chart answer: it has no timeseries");
    }
    List<ValueSeries> series = new ArrayList<>();
    for (JsonNode one : answer.path("timeseries")) {
      String name = name(one, series.size());
      List<Double> points = new ArrayList<>();
      for (JsonNode point : one.path("data")) {
        if (!point.isArray() || point.size() != 2) {
          throw new MeasurementException("series " + name + " has a point that is not"
              + " [time, value]: a partial series");
        }
        points.add(ValueSeries.point(name, point.get(1)));
      }
      series.add(new ValueSeries(name, points));
    }
    return series;
  }

  /** The series' label with its host and tags, e.g. {@code requests.errors{host=web-1}}. */
  private static String name(JsonNode series, int index) {
    Map<String, String> tags = new TreeMap<>();
    if (series.hasNonNull("host")) {
      tags.put("host", series.path("host").asText());
    }
    series.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(),
        tag.getValue().asText()));
    String label = series.path("label").asText("");
    return (label.isEmpty() ? "" + index : label) + (tags.isEmpty() ? "" : tags.toString()
        .replace(", ", ","));
  }
}
