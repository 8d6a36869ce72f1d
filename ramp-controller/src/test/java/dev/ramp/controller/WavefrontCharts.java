package dev.ramp.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wavefront's chart API ("Query Api", GET /api/v2/chart/api of the Operations for Applications
 * REST API) for one error-rate query per version: a query naming {@code version="<revision>"}
 * is answered one series of that version, the "Timeseries" shape, whose point now is the error
 * rate the test set. Requests without the bearer token are answered 401, as Wavefront does.
 */
final class WavefrontCharts implements AutoCloseable {
  static final String TOKEN = "wavefront-token-for-tests";
  private static final Pattern VERSION = Pattern.compile("version=\"([^\"]+)\"");

  private final HttpServer server;
  private volatile double errorRate;
  private final List<String> queries = new CopyOnWriteArrayList<>();

  WavefrontCharts() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v2/chart/api", this::chart);
    server.start();
  }

  String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void errorRate(double rate) {
    errorRate = rate;
  }

  /** The queries asked, as Wavefront read them. */
  List<String> queries() {
    return queries;
  }

  private void chart(HttpExchange exchange) throws IOException {
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      answer(exchange, 401, "{\"status\":{\"result\":\"ERROR\",\"message\":\"Unauthorized\","
          + "\"code\":401}}");
      return;
    }
    String raw = String.valueOf(exchange.getRequestURI().getRawQuery());
    Matcher q = Pattern.compile("(?:^|&)q=([^&]*)").matcher(raw);
    String query = q.find() ? URLDecoder.decode(q.group(1), StandardCharsets.UTF_8) : "";
    queries.add(query);
    Matcher version = VERSION.matcher(query);
    if (!version.find()) {
      answer(exchange, 200, "{\"query\":\"no data\",\"name\":\"no data\",\"granularity\":1}");
      return;
    }
    long now = System.currentTimeMillis() / 1000;
    answer(exchange, 200, "{\"query\":\"error rate\",\"name\":\"error rate\",\"timeseries\":"
        + "[{\"label\":\"requests.errors\",\"tags\":{\"version\":\"" + version.group(1)
        + "\"},\"data\":[[" + now + "," + errorRate + "]]}],"
        + "\"granularity\":1}");
  }

  private static void answer(HttpExchange exchange, int code, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
