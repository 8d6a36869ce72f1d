package dev.ramp.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.ramp.workloadsim.LocalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * A test's exporter on loopback and, when Debian's {@code prometheus} package is installed, a
 * real Prometheus on a free loopback port scraping the exporter's {@code /metrics} every second.
 */
public final class LocalPrometheus implements AutoCloseable {
  private final HttpServer exporter;
  private final LocalProgram process;
  private final String address;

  private LocalPrometheus(HttpServer exporter, LocalProgram process, String address) {
    this.exporter = exporter;
    this.process = process;
    this.address = address;
  }

  /** Starts Prometheus scraping an exporter whose /metrics answers {@code exposition}. */
  public static LocalPrometheus exposing(Path dir, String exposition) throws IOException {
    return start(dir, exporter -> exporter.createContext("/metrics", exchange ->
        LoopbackHttp.answer(exchange, 200, "text/plain; version=0.0.4", exposition)));
  }

  /**
   * Starts the exporter with the handlers {@code contexts} adds, then Prometheus if installed.
   *
   * @param dir where Prometheus keeps its configuration, data and log
   */
  public static LocalPrometheus start(Path dir, Consumer<HttpServer> contexts) throws IOException {
    HttpServer exporter = LoopbackHttp.server();
    contexts.accept(exporter);
    exporter.start();
    Optional<Path> binary = LocalProgram.onPath("prometheus");
    if (binary.isEmpty()) {
      return new LocalPrometheus(exporter, null, null);
    }
    int port = LoopbackHttp.closedPort();
    Path config = Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: ramp-test
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(exporter.getAddress().getPort()));
    LocalProgram process = LocalProgram.start(new ProcessBuilder(binary.get().toString(),
        "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"),
        dir.resolve("prometheus.log"));
    return new LocalPrometheus(exporter, process, "http://127.0.0.1:" + port);
  }

  String exporterUrl() {
    return LoopbackHttp.url(exporter);
  }

  /** Prometheus' base URL; null when it is not installed. */
  public String address() {
    return address;
  }

  /**
   * When Prometheus runs, waits until {@code scraped} holds, e.g. until a query sees the
   * exporter's series: about 5s, as Prometheus 2.x hands new targets to its scrape loop at most
   * every 5s.
   */
  public void awaitScrape(Callable<Boolean> scraped) throws IOException {
    if (process == null) {
      return;
    }
    process.await("the first scrape", Duration.ofSeconds(30), scraped,
        "Prometheus did not scrape the test exporter");
  }

  /** Skips the calling test, saying why, when Prometheus is not installed. */
  public void require() {
    Assumptions.assumeTrue(process != null,
        "prometheus not installed: this test needs Debian's prometheus package on PATH"
            + " (.ci/run installs it with .ci/prometheus)");
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
    exporter.stop(0);
  }
}
