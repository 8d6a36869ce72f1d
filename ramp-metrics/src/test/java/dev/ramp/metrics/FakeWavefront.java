package dev.ramp.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wavefront's chart API on loopback, as documented in "Query Api" of the Operations for
 * Applications REST API (developer.broadcom.com/xapis/operations-for-applications-rest-api/
 * latest/api/v2/chart/api/get/): {@code GET /api/v2/chart/api} with the query {@code q}, the
 * start {@code s} in epoch milliseconds and the granularity {@code g} (d, h, m or s) required,
 * and the optional {@code e}, {@code p}, {@code i}, {@code strict}, {@code summarization}; an
 * API token as a bearer token. The answer is a QueryResult whose {@code timeseries} are the
 * "Timeseries" data structure ({@code label}, {@code host}, {@code tags}, {@code data} of
 * {@code [epoch seconds, value]}). A wrong token is answered 401, a request not as documented
 * 400, both with the API's {@code status} container; each query is answered as the test
 * registered it.
 */
final class FakeWavefront extends FakeApi<FakeWavefront.Answer, FakeWavefront.Asked> {
  static final String TOKEN = "wf-t0ken-0123-4567-89ab";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PARAMETERS = Set.of("q", "s", "e", "g", "p", "i", "strict",
      "summarization", "n", "autoEvents", "listMode", "includeObsoleteMetrics", "view",
      "queryType", "sorted", "cached", "dimensionTuples", "useRawQK");

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

  /** A request as Wavefront read it: its parameters, one value each. */
  record Asked(Map<String, String> parameters, long atNanos) {}

  FakeWavefront() throws IOException {
    serve(Map.of("/api/v2/chart/api", this::chart));
  }

  private void chart(HttpExchange exchange) throws IOException {
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      refuse(exchange, 401, "Unauthorized: the token is not valid");
      return;
    }
    Map<String, List<String>> parameters =
        FakeApi.parameters(exchange.getRequestURI().getRawQuery());
    String wrong = !exchange.getRequestMethod().equals("GET") ? "method "
        + exchange.getRequestMethod() + ", not GET"
        : !PARAMETERS.containsAll(parameters.keySet()) ? "unknown parameters in "
            + parameters.keySet()
        : parameters.values().stream().anyMatch(values -> values.size() != 1)
            ? "a parameter is given twice"
        : !parameters.containsKey("q") || parameters.get("q").get(0).isBlank() ? "q is required"
        : !parameters.containsKey("s") || !parameters.get("s").get(0).matches("\\d{13}")
            ? "s is required, in epoch milliseconds"
        : !parameters.containsKey("g") || !parameters.get("g").get(0).matches("[dhms]")
            ? "g is required: d, h, m or s"
        : parameters.containsKey("i") && !parameters.get("i").get(0).matches("true|false")
            ? "i is a boolean" : null;
    if (wrong != null) {
      refuse(exchange, 400, wrong);
      return;
    }
    Map<String, String> one = new HashMap<>();
    parameters.forEach((name, values) -> one.put(name, values.get(0)));
    String query = one.get("q");
    reply(exchange, query, new Asked(one, System.nanoTime()), new Answer(400,
        status(400, "no answer registered for " + query), Map.of()));
  }

  private static void refuse(HttpExchange exchange, int code, String message)
      throws IOException {
    LoopbackHttp.answer(exchange, code, "application/json", status(code, message));
  }

  /** The API's error shape: {@code {"status": {"result": "ERROR", "message", "code"}}}. */
  private static String status(int code, String message) {
    try {
      return "{\"status\":{\"result\":\"ERROR\",\"message\":"
          + JSON.writeValueAsString(message) + ",\"code\":" + code + "}}";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
