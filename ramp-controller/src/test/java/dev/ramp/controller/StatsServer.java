package dev.ramp.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ramp.metrics.LoopbackHttp;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metrics endpoint for analysis tests: {@code GET /errors/<revision>} answers
 * {@code {"errorRate": x}} with the rate the test set for that revision, and 401 without the
 * expected bearer token. {@code GET /counts/<revision>} answers counters, {@code {"requests": n,
 * "errors": e}}, that grow by 100 requests (and 100 times the revision's error rate) per read,
 * as a service's counters grow between two measurements.
 */
final class StatsServer implements AutoCloseable {
  static final String TOKEN = "s3cret-token";

  private final HttpServer server;
  private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
  private final Map<String, long[]> counts = new ConcurrentHashMap<>();
  private volatile double defaultRate;

  StatsServer() {
    server = LoopbackHttp.serving(Map.of("/errors/", exchange -> {
      String revision = exchange.getRequestURI().getPath().substring("/errors/".length());
      boolean allowed = ("Bearer " + TOKEN).equals(
          exchange.getRequestHeaders().getFirst("Authorization"));
      answer(exchange, allowed ? 200 : 401, allowed ? "{\"errorRate\": " + rate(revision) + "}"
          : "{\"error\": \"unauthorized\"}");
    }, "/counts/", exchange -> {
      String revision = exchange.getRequestURI().getPath().substring("/counts/".length());
      long[] total = counts.computeIfAbsent(revision, r -> new long[2]);
      synchronized (total) {
        total[0] += 100;
        total[1] += Math.round(100 * rate(revision));
        answer(exchange, 200, "{\"requests\": " + total[0] + ", \"errors\": " + total[1] + "}");
      }
    }));
  }

  private double rate(String revision) {
    return errorRates.getOrDefault(revision, defaultRate);
  }

  private static void answer(HttpExchange exchange, int code, String json) throws IOException {
    LoopbackHttp.answer(exchange, code, "application/json", json);
  }

  String url() {
    return LoopbackHttp.url(server);
  }

  void errorRate(String revision, double rate) {
    errorRates.put(revision, rate);
  }

  void defaultErrorRate(double rate) {
    defaultRate = rate;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
