package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of an InfluxQL query's answer, InfluxDB 1.x's JSON from {@code /query}:
 * {@code {"results":[{"statement_id":0,"series":[{"name":…,"tags":…,"columns":["time","mean"],
 * "values":[[t, v], …]}]}]}}; one Double per row, series in the order InfluxDB wrote them (by
 * tag values, as GROUP BY sorts them).
 */
final class InfluxQlAnswer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InfluxQlAnswer() {}

  static List<Double> values(String body) throws MeasurementException {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      answer = null;
    }
    if (answer == null || !answer.path("results").isArray()) {
      throw new MeasurementException("the answer is not the JSON of InfluxDB's /query"
          + " (is the address an InfluxDB 1.x, or does the query need language: flux?)");
    }
    if (answer.path("results").size() != 1) {
      throw new MeasurementException("the query has " + answer.path("results").size()
          + " statements; an analysis query must have one");
    }
    JsonNode result = answer.path("results").path(0);
    if (result.hasNonNull("error")) {
      throw new MeasurementException("the query failed: " + result.path("error").asText());
    }
    List<Double> values = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      values.addAll(series(series, result.path("partial").asBoolean()));
    }
    return values;
  }

  private static List<Double> series(JsonNode series, boolean resultPartial)
      throws MeasurementException {
    String name = series.path("name").asText() + (series.has("tags") ? series.path("tags")
        .toString() : "");
    if (resultPartial || series.path("partial").asBoolean()) {
      throw new MeasurementException("series " + name + " is partial: InfluxDB cut it short"
          + " (max-row-limit or chunking), so its values prove nothing");
    }
    List<Integer> fields = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    series.path("columns").forEach(column -> columns.add(column.asText()));
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).equals("time")) {
        fields.add(i);
      }
    }
    if (fields.size() != 1) {
      throw new MeasurementException("series " + name + " has the columns " + columns
          + "; an analysis query must select exactly one field or aggregate besides time");
    }
    List<Double> values = new ArrayList<>();
    int row = 0;
    for (JsonNode cells : series.path("values")) {
      row++;
      JsonNode cell = cells.path(fields.get(0));
      if (cell.isNull() || cell.isMissingNode()) {
        throw new MeasurementException("series " + name + " row " + row + " has no value"
            + " (null): a partial series, which proves nothing");
      }
      if (!cell.isNumber()) {
        throw new MeasurementException("series " + name + " row " + row + " holds "
            + cell + ", not a number");
      }
      values.add(cell.asDouble());
    }
    return values;
  }
}
