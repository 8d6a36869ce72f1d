package dev.ramp.controller;

import com.sun.net.httpserver.HttpServer;
import dev.ramp.metrics.LoopbackHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An outside system on loopback that gates and hooks ask: each path answers what the test set
 * for it (503 until then), and every request is kept with its method, headers and body.
 */
final class GateReceiver implements AutoCloseable {
  record Request(String method, String path, Map<String, List<String>> headers, String body) {}

  record Answer(int status, String body) {}

  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  GateReceiver() {
    server = LoopbackHttp.serving(Map.of("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      requests.add(new Request(exchange.getRequestMethod(), path,
          Map.copyOf(exchange.getRequestHeaders()),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      Answer answer = answers.getOrDefault(path, new Answer(503, "not ready"));
      LoopbackHttp.answer(exchange, answer.status(), "application/json", answer.body());
    }));
  }

  String url(String path) {
    return LoopbackHttp.url(server) + path;
  }

  void answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
