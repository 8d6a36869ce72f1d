package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Datadog's metrics query API on loopback, as documented in "Metrics" of the API reference
 * (docs.datadoghq.com/api/latest/metrics/): "Query timeseries points" is
 * {@code GET /api/v1/query} with {@code from} and {@code to} in seconds and {@code query};
 * "Query timeseries data across multiple products" is {@code POST /api/v2/query/timeseries}
 * with a {@code timeseries_request} whose attributes hold {@code from} and {@code to} in
 * milliseconds, {@code queries} ({@code data_source}, {@code name}, {@code query}) and
 * optional {@code formulas}. Both need the {@code DD-API-KEY} and {@code DD-APPLICATION-KEY}
 * headers ("Authentication"); wrong keys are answered 403 {@code {"errors":["Forbidden"]}}, a
 * request not as documented 400 with what is wrong. Each query (v2: its formula, or its only
 * query) is answered as the test registered it.
 */
final class FakeDatadog extends FakeApi<FakeDatadog.Answer, FakeDatadog.Asked> {
  static final String API_KEY = "dd-api-k3y-s3cret";
  static final String APP_KEY = "dd-app-k3y-s3cret";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer, always JSON; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String body, Map<String, String> headers) implements FakeApi.Reply {
    static Answer ok(String json) {
      return new Answer(200, json, Map.of());
    }

    @Override
    public String contentType() {
      return "application/json";
    }
  }

  /**
   * A request as Datadog read it: the window in milliseconds (v1's seconds times 1000), and
   * the v2 queries by name and formula (v1: one query named "query", no formula).
   */
  record Asked(long from, long to, Map<String, String> queries, String formula, long atNanos) {}

  FakeDatadog() throws IOException {
    serve(Map.of("/api/v1/query", this::v1,
        "/api/v2/query/timeseries", this::v2));
  }

  private void v1(HttpExchange exchange) throws IOException {
    Map<String, List<String>> parameters =
        FakeApi.parameters(exchange.getRequestURI().getRawQuery());
    String wrong = !exchange.getRequestMethod().equals("GET") ? "method "
        + exchange.getRequestMethod() + ", not GET"
        : !parameters.keySet().equals(Set.of("from", "to", "query"))
            ? "parameters " + parameters.keySet() + ", not from, to and query"
            : !parameters.get("from").get(0).matches("\\d{1,10}") || !parameters.get("to")
                .get(0).matches("\\d{1,10}") ? "from and to must be POSIX seconds" : null;
    if (wrong == null) {
      String query = parameters.get("query").get(0);
      respond(exchange, query, new Asked(Long.parseLong(parameters.get("from").get(0)) * 1000,
          Long.parseLong(parameters.get("to").get(0)) * 1000, Map.of("query", query), null,
          System.nanoTime()));
    } else {
      refuse(exchange, 400, wrong);
    }
  }

  private void v2(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    JsonNode attributes = body.path("data").path("attributes");
    String wrong = !exchange.getRequestMethod().equals("POST") ? "method "
        + exchange.getRequestMethod() + ", not POST"
        : !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
            .startsWith("application/json") ? "Content-Type is not application/json"
        : !"timeseries_request".equals(body.path("data").path("type").asText())
            ? "data.type is not timeseries_request"
        : !attributes.path("from").canConvertToLong() || attributes.path("from").asLong()
            < 1_000_000_000_000L || attributes.path("to").asLong() <= attributes.path("from")
                .asLong() ? "from and to must be milliseconds, from before to"
        : !attributes.path("queries").isArray() || attributes.path("queries").isEmpty()
            ? "no queries" : null;
    Map<String, String> queries = new HashMap<>();
    for (JsonNode query : attributes.path("queries")) {
      if (!"metrics".equals(query.path("data_source").asText()) || query.path("name").asText()
          .isEmpty() || query.path("query").asText().isEmpty()) {
        wrong = "a query needs data_source metrics, a name and a query";
      }
      queries.put(query.path("name").asText(), query.path("query").asText());
    }
    String formula = attributes.path("formulas").path(0).path("formula").asText(null);
    if (wrong == null) {
      respond(exchange, formula != null ? formula : queries.values().iterator().next(),
          new Asked(attributes.path("from").asLong(), attributes.path("to").asLong(), queries,
              formula, System.nanoTime()));
    } else {
      refuse(exchange, 400, wrong);
    }
  }

  private void respond(HttpExchange exchange, String key, Asked request) throws IOException {
    if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("DD-API-KEY"))
        || !APP_KEY.equals(exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"))) {
      refuse(exchange, 403, "Forbidden");
      return;
    }
    reply(exchange, key, request, new Answer(400, error("no answer registered for " + key),
        Map.of()));
  }

  /** Datadog's error shape: {@code {"errors": ["…"]}}. */
  private static void refuse(HttpExchange exchange, int status, String error)
      throws IOException {
    LoopbackHttp.answer(exchange, status, "application/json", error(error));
  }

  private static String error(String error) throws IOException {
    return JSON.writeValueAsString(Map.of("errors", List.of(error)));
  }
}
