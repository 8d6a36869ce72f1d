package dev.ramp.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/errors/", exchange -> {
      String revision = exchange.getRequestURI().getPath().substring("/errors/".length());
      boolean allowed = ("Bearer " + TOKEN).equals(
          exchange.getRequestHeaders().getFirst("Authorization"));
      answer(exchange, allowed ? 200 : 401, allowed ? "{\"errorRate\": " + rate(revision) + "}"
          : "{\"error\": \"unauthorized\"}");
    });
    server.createContext("/counts/", exchange -> {
      String revision = exchange.getRequestURI().getPath().substring("/counts/".length());
      long[] total = counts.computeIfAbsent(revision, r -> new long[2]);
      synchronized (total) {
        total[0] += 100;
        total[1] += Math.round(100 * rate(revision));
        answer(exchange, 200, "{\"requests\": " + total[0] + ", \"errors\": " + total[1] + "}");
      }
    });
    server.start();
  }

  private double rate(String revision) {
    return errorRates.getOrDefault(revision, defaultRate);
  }

  private static void answer(HttpExchange exchange, int code, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
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
