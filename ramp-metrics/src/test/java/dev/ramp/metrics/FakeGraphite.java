package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Graphite's render API on loopback, behind a token, as "The Render URL API"
 * (graphite.readthedocs.io/en/latest/render_api.html) documents it: each request must be
 * {@code GET /render} with one or more {@code target} parameters and {@code format=json}, and
 * carry {@code Authorization: Bearer <token>} as a hosted Graphite or an authenticating proxy
 * asks. A request that is not is answered 400 with what is wrong; no credential 401 and another
 * token 403, with the token (without its scheme) echoed as some proxies do. Requests are
 * answered by their first target, as the test registered it.
 */
final class FakeGraphite extends FakeApi<FakeGraphite.Answer, Instant> {
  static final String TOKEN = "gr4phite-t0ken";

  private final List<String> queries = new CopyOnWriteArrayList<>();

  /** An answer; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String contentType, String body, Map<String, String> headers)
      implements FakeApi.Reply {
    static Answer json(String json) {
      return new Answer(200, "application/json", json, Map.of());
    }
  }

  FakeGraphite() throws IOException {
    serve(Map.of("/", this::render));
  }

  /** The raw query strings of the requests received, in order. */
  List<String> queries() {
    return queries;
  }

  private void render(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawQuery();
    queries.add(raw);
    Map<String, List<String>> parameters = FakeApi.parameters(raw);
    List<String> targets = parameters.getOrDefault("target", List.of());
    if (!exchange.getRequestMethod().equals("GET")
        || !exchange.getRequestURI().getPath().equals("/render")
        || targets.isEmpty() || !List.of("json").equals(parameters.get("format"))) {
      LoopbackHttp.answer(exchange, 400, "text/plain", "not a documented render request: "
          + exchange.getRequestMethod() + " " + exchange.getRequestURI());
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null) {
      LoopbackHttp.answer(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}");
      return;
    }
    if (!authorization.equals("Bearer " + TOKEN)) {
      LoopbackHttp.answer(exchange, 403, "application/json",
          "{\"message\":\"token " + authorization.substring(authorization.indexOf(' ') + 1)
              + " is not allowed to read metrics\"}");
      return;
    }
    reply(exchange, targets.get(0), Instant.now(), Answer.json("[]"));
  }
}
