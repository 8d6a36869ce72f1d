package dev.ramp.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ramp.metrics.LoopbackHttp;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * New Relic's NerdGraph ({@code POST /graphql}, "NerdGraph tutorial: NRQL",
 * docs.newrelic.com/docs/apis/nerdgraph/examples/nerdgraph-nrql-tutorial/) for two NRQL counts
 * per revision: {@code FROM Transaction SELECT count(*) WHERE revision = '<revision>'} and the
 * same {@code WHERE error IS true AND …}, each with the {@code SINCE … UNTIL …} window Ramp adds.
 * Every read of the requests counts 1000 more, with errors at the rate the test set. Requests
 * without the key are answered 401, as NerdGraph does.
 */
final class NewRelicCounts implements CountingProviderJudgeTest.Counts {
  static final String API_KEY = "NRAK-key-for-tests";
  static final long ACCOUNT = 1234567;
  private static final Pattern NRQL = Pattern.compile("FROM Transaction SELECT count\\(\\*\\)"
      + " WHERE (error IS true AND )?revision = '([^']+)' SINCE \\d+ UNTIL \\d+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
  /** Each revision's requests and errors counted so far. */
  private final Map<String, long[]> totals = new ConcurrentHashMap<>();

  NewRelicCounts() {
    server = LoopbackHttp.serving(Map.of("/graphql", this::query));
  }

  /** NerdGraph's URL, as a profile's base-url-nerdgraph names it. */
  String url() {
    return LoopbackHttp.url(server) + "/graphql";
  }

  @Override
  public void errorRate(String revision, double rate) {
    errorRates.put(revision, rate);
  }

  private void query(HttpExchange exchange) throws IOException {
    if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("API-Key"))) {
      answer(exchange, 401, "{\"errors\":[{\"message\":\"Invalid API key\"}]}");
      return;
    }
    JsonNode variables = JSON.readTree(exchange.getRequestBody().readAllBytes())
        .path("variables");
    Matcher nrql = NRQL.matcher(variables.path("nrql").asText());
    if (variables.path("account").asLong() != ACCOUNT || !nrql.matches()) {
      answer(exchange, 200, "{\"errors\":[{\"message\":\"not a count query of this test\"}]}");
      return;
    }
    boolean errors = nrql.group(1) != null;
    String revision = nrql.group(2);
    long[] counted = totals.computeIfAbsent(revision, r -> new long[2]);
    long count;
    synchronized (counted) {
      if (!errors) {
        counted[0] += 1000;
        counted[1] += Math.round(1000 * errorRates.getOrDefault(revision, 0.0));
      }
      count = counted[errors ? 1 : 0];
    }
    answer(exchange, 200, JSON.writeValueAsString(Map.of("data", Map.of("actor", Map.of(
        "account", Map.of("nrql", Map.of("results", List.of(Map.of("count", count)))))))));
  }

  private static void answer(HttpExchange exchange, int code, String json) throws IOException {
    LoopbackHttp.answer(exchange, code, "application/json", json);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
