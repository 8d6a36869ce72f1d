package dev.ramp.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dynatrace Managed environment's metrics API on loopback, as documented in "Metrics API -
 * GET metric data points" (docs.dynatrace.com/docs/dynatrace-api/environment-api/metric-v2/
 * get-data-points): {@code GET /e/<environment>/api/v2/metrics/query} with the required
 * {@code metricSelector} and the optional {@code resolution}, {@code from}, {@code to} (epoch
 * milliseconds), {@code entitySelector}, {@code mzSelector}; "Dynatrace API - Tokens and
 * authentication": the token as {@code Authorization: Api-Token <token>}. A wrong token is
 * answered 401, a request not as documented 400, both with the API's error envelope
 * {@code {"error": {"code", "message"}}} ("Dynatrace API - Response codes"); each selector is
 * answered as the test registered it.
 */
final class FakeDynatrace extends FakeApi<FakeDynatrace.Answer, FakeDynatrace.Asked> {
  static final String TOKEN = "dt0c01.ABCDEFGHIJ.S3CRETT0KEN0123456789";
  static final String ENVIRONMENT = "/e/env-1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PARAMETERS = Set.of("metricSelector", "resolution", "from",
      "to", "entitySelector", "mzSelector", "nextPageKey");

  /** An answer, always JSON; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String body, Map<String, String> headers) implements FakeApi.Reply {
    static Answer ok(String json) {
      return new Answer(200, json, Map.of());
    }

    /** The API's error envelope with this status. */
    static Answer error(int status, String message) {
      return new Answer(status, envelope(status, message), Map.of());
    }

    @Override
    public String contentType() {
      return "application/json";
    }
  }

  /** A request as Dynatrace read it: its parameters, one value each. */
  record Asked(Map<String, String> parameters, long atNanos) {}

  FakeDynatrace() throws IOException {
    serve(Map.of(ENVIRONMENT + "/api/v2/metrics/query", this::query));
  }

  /** The environment's URL, as a metric's address names it. */
  String address() {
    return super.address() + ENVIRONMENT;
  }

  private void query(HttpExchange exchange) throws IOException {
    if (!("Api-Token " + TOKEN).equals(exchange.getRequestHeaders()
        .getFirst("Authorization"))) {
      refuse(exchange, 401, "Token Authentication failed");
      return;
    }
    Map<String, List<String>> parameters =
        FakeApi.parameters(exchange.getRequestURI().getRawQuery());
    Map<String, String> one = new HashMap<>();
    parameters.forEach((name, values) -> one.put(name, values.get(0)));
    String wrong = !exchange.getRequestMethod().equals("GET") ? "method "
        + exchange.getRequestMethod() + ", not GET"
        : !PARAMETERS.containsAll(parameters.keySet()) ? "unknown parameters in "
            + parameters.keySet()
        : parameters.values().stream().anyMatch(values -> values.size() != 1)
            ? "a parameter is given twice"
        : one.getOrDefault("metricSelector", "").isBlank() ? "metricSelector must not be empty"
        : !one.getOrDefault("from", "0").matches("\\d{13}") || !one.getOrDefault("to",
            "1").matches("\\d{13}") ? "from and to must be timestamps in UTC milliseconds"
        : one.containsKey("from") && Long.parseLong(one.get("from"))
            >= Long.parseLong(one.get("to")) ? "from must be before to" : null;
    if (wrong != null) {
      refuse(exchange, 400, "Constraints violated: " + wrong);
      return;
    }
    String selector = one.get("metricSelector");
    reply(exchange, selector, new Asked(one, System.nanoTime()),
        Answer.error(400, "no answer registered for " + selector));
  }

  private static void refuse(HttpExchange exchange, int code, String message)
      throws IOException {
    LoopbackHttp.answer(exchange, code, "application/json", envelope(code, message));
  }

  private static String envelope(int code, String message) {
    try {
      return "{\"error\":{\"code\":" + code + ",\"message\":" + JSON.writeValueAsString(message)
          + "}}";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
