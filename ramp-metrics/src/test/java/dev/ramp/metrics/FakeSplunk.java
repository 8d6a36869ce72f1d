package dev.ramp.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splunk Observability's SignalFlow API on loopback, as documented in "SignalFlow API"
 * (dev.splunk.com/observability/reference/api/signalflow/latest): {@code POST
 * /v2/signalflow/execute} with the program as a {@code text/plain} body, the optional
 * {@code start}, {@code stop} (epoch milliseconds), {@code resolution}, {@code maxDelay},
 * {@code immediate} and {@code timezone}, and an access token in {@code X-SF-Token}; the answer
 * is a {@code text/event-stream} of the messages of "SignalFlow stream messages"
 * ({@code control-message}, {@code metadata}, {@code data}, {@code error}). A wrong token is
 * answered 401, a request not as documented 400, both JSON with {@code message} and
 * {@code errorType}; each program is answered as the test registered it.
 */
final class FakeSplunk extends FakeApi<FakeSplunk.Answer, FakeSplunk.Asked> {
  static final String TOKEN = "sfx-S3CRET-T0KEN-abcdef";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PARAMETERS = Set.of("start", "stop", "resolution",
      "maxDelay", "immediate", "timezone");

  /** An answer; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String contentType, String body, Map<String, String> headers)
      implements FakeApi.Reply {
    /** A stream of these events, each {@code event: <type>\ndata: <json>}. */
    static Answer stream(String... events) {
      return new Answer(200, "text/event-stream", String.join("\n\n", events) + "\n\n",
          Map.of());
    }

    /** The API's JSON error. */
    static Answer error(int status, String message, String errorType) {
      return new Answer(status, "application/json", FakeSplunk.error(message, errorType),
          Map.of());
    }
  }

  /** A request as SignalFlow read it: its parameters, one value each, and when. */
  record Asked(Map<String, String> parameters, long atNanos) {}

  FakeSplunk() throws IOException {
    serve(Map.of("/v2/signalflow/execute", this::execute));
  }

  private void execute(HttpExchange exchange) throws IOException {
    if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-SF-Token"))) {
      refuse(exchange, 401, "Unauthorized", "UNAUTHORIZED");
      return;
    }
    Map<String, List<String>> parameters =
        FakeApi.parameters(exchange.getRequestURI().getRawQuery());
    Map<String, String> one = new HashMap<>();
    parameters.forEach((name, values) -> one.put(name, values.get(0)));
    String program = new String(exchange.getRequestBody().readAllBytes(),
        StandardCharsets.UTF_8);
    String wrong = !exchange.getRequestMethod().equals("POST") ? "method "
        + exchange.getRequestMethod() + ", not POST"
        : !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
            .startsWith("text/plain") ? "Content-Type is not text/plain"
        : !PARAMETERS.containsAll(parameters.keySet()) ? "unknown parameters in "
            + parameters.keySet()
        : !one.getOrDefault("start", "0").matches("\\d{13}") || !one.getOrDefault("stop",
            "1").matches("\\d{13}") ? "start and stop are epoch milliseconds"
        : !one.getOrDefault("immediate", "false").matches("true|false")
            ? "immediate is a boolean"
        : program.isBlank() ? "the program is empty" : null;
    if (wrong != null) {
      refuse(exchange, 400, wrong, "BAD_REQUEST");
      return;
    }
    reply(exchange, program, new Asked(one, System.nanoTime()),
        Answer.error(400, "no answer registered for " + program, "BAD_REQUEST"));
  }

  private static void refuse(HttpExchange exchange, int code, String message, String type)
      throws IOException {
    LoopbackHttp.answer(exchange, code, "application/json", error(message, type));
  }

  private static String error(String message, String errorType) {
    try {
      return "{\"message\":" + JSON.writeValueAsString(message) + ",\"errorType\":\""
          + errorType + "\"}";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
