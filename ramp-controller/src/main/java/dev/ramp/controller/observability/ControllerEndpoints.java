package dev.ramp.controller.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The controller's HTTP endpoints: {@code /metrics} in Prometheus' text format, {@code /healthz}
 * for the liveness probe and {@code /readyz} for the readiness probe.
 */
public final class ControllerEndpoints implements AutoCloseable {
  private static final String TEXT = "text/plain; charset=utf-8";
  private final HttpServer server;

  private ControllerEndpoints(HttpServer server) {
    this.server = server;
  }

  /** A registry for the controller's metrics, with the JVM's (heap, GC, threads, CPU). */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /**
   * Serves on all addresses.
   *
   * @param port 0 for any free port
   * @throws UncheckedIOException when the port cannot be had
   */
  public static ControllerEndpoints start(int port, PrometheusMeterRegistry registry,
      BooleanSupplier alive, BooleanSupplier ready) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve on port " + port + ": " + e.getMessage(), e);
    }
    server.createContext("/metrics", exchange ->
        answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext("/healthz", exchange -> probe(exchange, alive, "ok", "stopping"));
    server.createContext("/readyz", exchange ->
        probe(exchange, ready, "ready", "informers not synced"));
    server.start();
    return new ControllerEndpoints(server);
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check, String passing,
      String failing) throws IOException {
    boolean passed = check.getAsBoolean();
    answer(exchange, passed ? 200 : 503, TEXT, (passed ? passing : failing) + "\n");
  }

  private static void answer(HttpExchange exchange, int code, String type, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
