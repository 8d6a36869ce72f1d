package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An Apache SkyWalking OAP server's GraphQL endpoint on loopback, as its query protocol
 * documents it (skywalking.apache.org/docs/main/latest/en/api/query-protocol/ and the schema of
 * github.com/apache/skywalking-query-protocol): {@code POST /graphql} with a JSON body of
 * {@code query} and {@code variables}; a {@code Duration} input is {@code {start, end, step}},
 * with {@code step: MINUTE} times written {@code yyyy-MM-dd HHmm} (common.graphqls).
 * {@code readMetricsValues} answers {@code MetricsValues {label, values: IntValues {values:
 * [KVInt {id, value, isEmptyValue}]}}} (metrics-v2.graphqls), as
 * {@code {"data": {"<alias>": {...}}}}. A request not of that shape is answered, as GraphQL
 * servers do, 200 with an {@code errors} array. Each query is answered as the test registered
 * it.
 */
final class FakeSkyWalking extends FakeApi<FakeSkyWalking.Answer, FakeSkyWalking.Asked> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MINUTE = "\\d{4}-\\d{2}-\\d{2} \\d{4}";

  /** An answer, always JSON; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String body, Map<String, String> headers) implements FakeApi.Reply {
    /** {@code {"data": <data>}}. */
    static Answer data(String data) {
      return new Answer(200, "{\"data\":" + data + "}", Map.of());
    }

    /** The points of a {@code readMetricsValues} aliased {@code alias}, each {id, value}. */
    static Answer values(String alias, String points) {
      return data("{\"" + alias + "\":{\"label\":null,\"values\":{\"values\":" + points
          + "}}}");
    }

    /** A GraphQL error, answered with a 200. */
    static Answer graphQlError(String message) throws IOException {
      return new Answer(200, error(message), Map.of());
    }

    @Override
    public String contentType() {
      return "application/json";
    }
  }

  /** A request as the server read it: its duration variable. */
  record Asked(String start, String end, long atNanos) {}

  FakeSkyWalking() throws IOException {
    serve(Map.of("/graphql", this::graphql));
  }

  private void graphql(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")
        || !exchange.getRequestURI().getPath().equals("/graphql")) {
      LoopbackHttp.answer(exchange, 404, "text/plain", "Not Found");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    JsonNode duration = body.path("variables").path("duration");
    String wrong = !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
        .startsWith("application/json") ? "Content-Type is not application/json"
        : !body.path("query").isTextual() ? "no query"
        : !duration.path("start").asText().matches(MINUTE)
            || !duration.path("end").asText().matches(MINUTE)
            ? "variable duration needs start and end as yyyy-MM-dd HHmm for step MINUTE"
        : !duration.path("step").asText().equals("MINUTE") ? "step is not MINUTE"
        : duration.path("start").asText().compareTo(duration.path("end").asText()) >= 0
            ? "duration start is not before its end" : null;
    if (wrong != null) {
      LoopbackHttp.answer(exchange, 200, "application/json", error(wrong));
      return;
    }
    String query = body.path("query").asText();
    reply(exchange, query, new Asked(duration.path("start").asText(),
        duration.path("end").asText(), System.nanoTime()),
        Answer.graphQlError("no answer registered for " + query));
  }

  /** GraphQL's error shape: {@code {"errors": [{"message": "…"}]}}. */
  private static String error(String message) throws IOException {
    return JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", message))));
  }
}
