package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Graphite's render API on loopback, behind a token, as "The Render URL API"
 * (graphite.readthedocs.io/en/latest/render_api.html) documents it: each request must be
 * {@code GET /render} with one or more {@code target} parameters and {@code format=json}, and
 * carry {@code Authorization: Bearer <token>} as a hosted Graphite or an authenticating proxy
 * asks. A request that is not is answered 400 with what is wrong; no credential 401 and another
 * token 403, with the token (without its scheme) echoed as some proxies do. Requests are
 * answered by their first target, as the test registered it.
 */
final class FakeGraphite implements AutoCloseable {
  static final String TOKEN = "gr4phite-t0ken";

  private final HttpServer server;
  private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
  private final Map<String, List<Instant>> asked = new ConcurrentHashMap<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  /** An answer; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String contentType, String body, Map<String, String> headers) {
    static Answer json(String json) {
      return new Answer(200, "application/json", json, Map.of());
    }
  }

  FakeGraphite() throws IOException {
    server = LoopbackHttp.server();
    server.createContext("/", this::render);
    server.start();
  }

  String address() {
    return LoopbackHttp.url(server);
  }

  /** Answers requests whose first target is {@code target} with these in turn, then the last. */
  void answer(String target, Answer... inTurn) {
    answers.put(target, List.of(inTurn));
  }

  /** When each request for {@code target} arrived. */
  List<Instant> asked(String target) {
    return asked.getOrDefault(target, List.of());
  }

  /** The raw query strings of the requests received, in order. */
  List<String> queries() {
    return queries;
  }

  private void render(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawQuery();
    queries.add(raw);
    Map<String, List<String>> parameters = new HashMap<>();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      String[] keyValue = pair.split("=", 2);
      parameters.computeIfAbsent(keyValue[0], key -> new ArrayList<>()).add(URLDecoder.decode(
          keyValue.length > 1 ? keyValue[1] : "", StandardCharsets.UTF_8));
    }
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
    String target = targets.get(0);
    List<Instant> times = asked.computeIfAbsent(target, t -> new CopyOnWriteArrayList<>());
    times.add(Instant.now());
    List<Answer> inTurn = answers.getOrDefault(target, List.of(Answer.json("[]")));
    Answer answer = inTurn.get(Math.min(times.size(), inTurn.size()) - 1);
    if (answer.status() == 0) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    answer.headers().forEach(exchange.getResponseHeaders()::set);
    LoopbackHttp.answer(exchange, answer.status(), answer.contentType(), answer.body());
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
