package dev.ramp.controller;

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
 * expected bearer token.
 */
final class StatsServer implements AutoCloseable {
  static final String TOKEN = "s3cret-token";

  private final HttpServer server;
  private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
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
      byte[] body = (allowed ? "{\"errorRate\": " + errorRates.getOrDefault(revision,
          defaultRate) + "}" : "{\"error\": \"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
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
