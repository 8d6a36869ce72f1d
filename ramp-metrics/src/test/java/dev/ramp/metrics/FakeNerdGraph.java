package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * New Relic's NerdGraph on loopback, as documented in "Introduction to NerdGraph"
 * (docs.newrelic.com/docs/apis/nerdgraph/get-started/introduction-new-relic-nerdgraph/): one
 * endpoint, {@code POST /graphql}, with a user key in the {@code API-Key} header and a JSON
 * body of {@code query} and {@code variables}; and in "NerdGraph tutorial: NRQL"
 * (docs.newrelic.com/docs/apis/nerdgraph/examples/nerdgraph-nrql-tutorial/): NRQL is
 * {@code actor { account(id) { nrql(query) { results } } }}, answered
 * {@code {"data":{"actor":{"account":{"nrql":{"results":[{…}]}}}}}}. A request with another
 * key is refused 401, one for another account 403; a request not of that shape is answered,
 * as GraphQL servers do, 200 with an {@code errors} array. Each NRQL query is answered as the
 * test registered it.
 */
final class FakeNerdGraph extends FakeApi<FakeNerdGraph.Answer, FakeNerdGraph.Asked> {
  static final String API_KEY = "NRAK-S3CRETK3Y0123456789";
  static final long ACCOUNT = 1234567;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer, always JSON; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String body, Map<String, String> headers) implements FakeApi.Reply {
    /** NRQL's results: these rows, e.g. {@code [{"count": 12}]}. */
    static Answer rows(String rows) {
      return new Answer(200, "{\"data\":{\"actor\":{\"account\":{\"nrql\":{\"results\":" + rows
          + "}}}}}", Map.of());
    }

    /** A GraphQL error, which NerdGraph answers with a 200. */
    static Answer graphQlError(String message) throws IOException {
      return new Answer(200, error(message), Map.of());
    }

    @Override
    public String contentType() {
      return "application/json";
    }
  }

  /** A request as NerdGraph read it: the account and the NRQL of its variables. */
  record Asked(long account, String nrql, long atNanos) {}

  FakeNerdGraph() throws IOException {
    serve(Map.of("/graphql", this::graphql));
  }

  /** NerdGraph's URL, as the base-url-nerdgraph of a profile names it. */
  String url() {
    return address() + "/graphql";
  }

  private void graphql(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      refuse(exchange, 405, "method " + exchange.getRequestMethod() + ", not POST");
      return;
    }
    if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("API-Key"))) {
      refuse(exchange, 401, "Invalid API key");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String query = body.path("query").asText();
    JsonNode variables = body.path("variables");
    String wrong = !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
        .startsWith("application/json") ? "Content-Type is not application/json"
        : !query.replaceAll("\\s+", " ").matches("query\\(\\$account: Int!, \\$nrql: Nrql!\\)"
            + " \\{ actor \\{ account\\(id: \\$account\\) \\{ nrql\\(query: \\$nrql\\)"
            + " \\{ results } } } }") ? "not an NRQL query of an account: " + query
        : !variables.path("account").isIntegralNumber() || !variables.path("nrql").isTextual()
            ? "variables account (Int) and nrql (Nrql) are required" : null;
    if (wrong != null) {
      LoopbackHttp.answer(exchange, 200, "application/json", error(wrong));
      return;
    }
    if (variables.path("account").asLong() != ACCOUNT) {
      refuse(exchange, 403, "the key has no access to account "
          + variables.path("account").asLong());
      return;
    }
    String nrql = variables.path("nrql").asText();
    reply(exchange, nrql, new Asked(ACCOUNT, nrql, System.nanoTime()),
        Answer.graphQlError("no answer registered for " + nrql));
  }

  private static void refuse(HttpExchange exchange, int status, String message)
      throws IOException {
    LoopbackHttp.answer(exchange, status, "application/json", error(message));
  }

  /** GraphQL's error shape: {@code {"errors": [{"message": "…"}]}}. */
  private static String error(String message) throws IOException {
    return JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", message))));
  }
}
