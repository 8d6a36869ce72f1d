package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.analysis.DatadogMetric.SecretRef;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Queries to Datadog: what the Datadog provider and the compare metric's Datadog counters share.
 * v1 is {@code GET /api/v1/query?from=…&to=…&query=…} (seconds), v2 is
 * {@code POST /api/v2/query/timeseries} with named queries and formulas (milliseconds); both
 * answer series of points ({@link DatadogAnswer}). Every failure names the query and quotes the
 * answer's first bytes, never a key.
 */
final class DatadogQuery {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUERY_SHOWN = 120;

  /** What a caller makes of the series; its failures are told as the answer's. */
  @FunctionalInterface
  interface Reading<T> {
    T read(List<DatadogAnswer.Series> series) throws MeasurementException;
  }

  private final HttpClient http;
  private final DatadogKeys keys;
  private final boolean v2;
  private final String server;
  private final Duration timeout;

  /** Reads the keys and checks the version and timeout, so a query only fails on its own. */
  DatadogQuery(HttpClient http, Secrets secrets, String namespace, String apiVersion,
      SecretRef secretRef, IntOrString timeout) throws MeasurementException {
    this.http = http;
    this.v2 = "v2".equals(apiVersion);
    if (apiVersion != null && !v2 && !apiVersion.equals("v1")) {
      throw new MeasurementException("apiVersion \"" + apiVersion
          + "\" is not one of Datadog's query APIs: write v1 or v2");
    }
    this.timeout = Timeouts.parse(timeout, DEFAULT_TIMEOUT);
    this.keys = DatadogKeys.read(secrets, namespace, secretRef);
    this.server = "Datadog at " + HttpCall.describe(keys.address());
  }

  boolean isV2() {
    return v2;
  }

  /**
   * Runs the queries (v1: exactly one, without formula) over {@code [from, to]} and reads the
   * series they answer.
   *
   * @param queries by name, the names the formula uses
   * @param formula null for each query's own series
   */
  <T> T run(Map<String, String> queries, String formula, Instant from, Instant to,
      Reading<T> reading) throws MeasurementException {
    try {
      HttpResponse<String> answer = HttpCall.send(http, request(queries, formula, from, to),
          server, timeout);
      if (!HttpCall.isSuccess(answer)) {
        throw HttpCall.failure(answer, server, keys.credential(), keys.secretValues());
      }
      try {
        return reading.read(v2 ? DatadogAnswer.v2(answer.body())
            : DatadogAnswer.v1(answer.body()));
      } catch (MeasurementException e) {
        throw new MeasurementException(server + " answered " + answer.statusCode() + ", but "
            + e.getMessage() + ": " + HttpCall.excerpt(answer.body(), keys.secretValues()));
      }
    } catch (MeasurementException e) {
      throw new MeasurementException(name(queries, formula) + ": " + e.getMessage());
    }
  }

  /** How messages name a query: the formula, if any, and the queries' first characters. */
  String name(Map<String, String> queries, String formula) {
    String text = queries.size() == 1 && formula == null
        ? "query \"" + queries.values().iterator().next() + "\""
        : (formula == null ? "queries " : "formula \"" + formula + "\" of ")
            + queries.entrySet().stream().map(query -> query.getKey() + ": \""
                + query.getValue() + "\"").collect(Collectors.joining(", "));
    text = text.replaceAll("\\s+", " ").trim();
    return "Datadog " + (text.length() <= QUERY_SHOWN ? text
        : text.substring(0, QUERY_SHOWN) + "…");
  }

  private HttpRequest request(Map<String, String> queries, String formula, Instant from,
      Instant to) {
    String base = keys.address().toString().replaceAll("/+$", "");
    if (!v2) {
      URI uri = URI.create(base + "/api/v1/query?from=" + from.getEpochSecond() + "&to="
          + to.getEpochSecond() + "&query=" + encode(queries.values().iterator().next()));
      return keys.authorize(HttpRequest.newBuilder(uri)).GET().build();
    }
    return keys.authorize(HttpRequest.newBuilder(URI.create(base + "/api/v2/query/timeseries")))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(timeseriesBody(queries, formula, from, to)))
        .build();
  }

  /** The TimeseriesFormulaQueryRequest of /api/v2/query/timeseries, for metrics queries. */
  private static String timeseriesBody(Map<String, String> queries, String formula,
      Instant from, Instant to) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("from", from.toEpochMilli());
    attributes.put("to", to.toEpochMilli());
    attributes.put("queries", queries.entrySet().stream().map(query -> Map.of(
        "data_source", "metrics", "name", query.getKey(), "query", query.getValue())).toList());
    if (formula != null) {
      attributes.put("formulas", List.of(Map.of("formula", formula)));
    }
    try {
      return JSON.writeValueAsString(Map.of("data", Map.of("type", "timeseries_request",
          "attributes", attributes)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers are always JSON", e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
