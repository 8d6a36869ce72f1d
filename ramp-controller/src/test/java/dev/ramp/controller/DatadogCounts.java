package dev.ramp.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ramp.metrics.LoopbackHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datadog's {@code POST /api/v2/query/timeseries} ("Query timeseries data across multiple
 * products", docs.datadoghq.com/api/latest/metrics/) for two count queries per revision:
 * {@code sum:requests{version:<revision>}.as_count()} and
 * {@code sum:requests.errors{version:<revision>}.as_count()}. As Datadog keeps counts per
 * interval, each revision's answer is one series with a point per interval; every read of the
 * requests adds an interval of 1000 requests, with errors at the rate the test set. Requests
 * without the keys are answered 403, as Datadog does.
 */
final class DatadogCounts implements CountingProviderJudgeTest.Counts {
  static final String API_KEY = "dd-api-key-for-tests";
  static final String APP_KEY = "dd-app-key-for-tests";
  private static final Pattern QUERY =
      Pattern.compile("sum:requests(\\.errors)?\\{version:([^}]+)}\\.as_count\\(\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
  private final Map<String, List<long[]>> intervals = new ConcurrentHashMap<>();

  DatadogCounts() {
    server = LoopbackHttp.serving(Map.of("/api/v2/query/timeseries", this::query));
  }

  String address() {
    return LoopbackHttp.url(server);
  }

  @Override
  public void errorRate(String revision, double rate) {
    errorRates.put(revision, rate);
  }

  private void query(HttpExchange exchange) throws IOException {
    if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("DD-API-KEY"))
        || !APP_KEY.equals(exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"))) {
      answer(exchange, 403, "{\"errors\":[\"Forbidden\"]}");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    Matcher query = QUERY.matcher(body.path("data").path("attributes").path("queries").path(0)
        .path("query").asText());
    if (!query.matches()) {
      answer(exchange, 400, "{\"errors\":[\"not a count query of this test\"]}");
      return;
    }
    boolean errors = query.group(1) != null;
    String revision = query.group(2);
    List<long[]> counted = intervals.computeIfAbsent(revision, r -> new ArrayList<>());
    List<Long> values = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    synchronized (counted) {
      if (!errors) {
        counted.add(new long[] {1000, Math.round(1000 * errorRates.getOrDefault(revision, 0.0))});
      }
      for (long[] interval : counted) {
        times.add(1_700_000_000_000L + 10_000L * times.size());
        values.add(interval[errors ? 1 : 0]);
      }
    }
    answer(exchange, 200, JSON.writeValueAsString(Map.of("data", Map.of(
        "type", "timeseries_response", "attributes", Map.of(
            "series", List.of(Map.of("group_tags", List.of(), "query_index", 0)),
            "times", times, "values", List.of(values))))));
  }

  private static void answer(HttpExchange exchange, int code, String json) throws IOException {
    LoopbackHttp.answer(exchange, code, "application/json", json);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
