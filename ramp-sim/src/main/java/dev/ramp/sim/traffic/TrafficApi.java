package dev.ramp.sim.traffic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated traffic as JSON, for the {@code web} metric provider: {@code GET
 * /api/v1/traffic?namespace=N&rollout=R&revision=H} answers {@code {"requests": 1200,
 * "errors": 6, "errorRate": 0.005}} for what that revision has served so far.
 */
public final class TrafficApi implements HttpHandler {
  public static final String PATH = "/api/v1/traffic";

  private final TrafficSimulator traffic;

  public TrafficApi(TrafficSimulator traffic) {
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int status;
    String body;
    if (!exchange.getRequestURI().getPath().equals(PATH)) {
      status = 404;
      body = "{\"error\": \"not found: try " + PATH + "?namespace=&rollout=&revision=\"}";
    } else if (!query.keySet().containsAll(java.util.List.of("namespace", "rollout",
        "revision"))) {
      status = 400;
      body = "{\"error\": \"namespace, rollout and revision are required\"}";
    } else {
      RevisionTraffic served = traffic.traffic(query.get("namespace"), query.get("rollout"),
          query.get("revision"));
      long requests = served.requests();
      long errors = served.failures();
      status = 200;
      body = String.format(Locale.ROOT, "{\"requests\": %d, \"errors\": %d, \"errorRate\": %s}",
          requests, errors, requests == 0 ? "0" : Double.toString((double) errors / requests));
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
