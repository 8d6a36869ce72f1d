package dev.ramp.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A test's exporter on loopback and, when Debian's {@code prometheus} package is installed, a
 * real Prometheus on a free loopback port scraping the exporter's {@code /metrics} every second.
 */
final class LocalPrometheus implements AutoCloseable {
  private final HttpServer exporter;
  private final Process process;
  private final Path log;
  private final String address;

  private LocalPrometheus(HttpServer exporter, Process process, Path log, String address) {
    this.exporter = exporter;
    this.process = process;
    this.log = log;
    this.address = address;
  }

  /**
   * Starts the exporter with the handlers {@code contexts} adds, then Prometheus if installed.
   *
   * @param dir where Prometheus keeps its configuration, data and log
   */
  static LocalPrometheus start(Path dir, Consumer<HttpServer> contexts) throws IOException {
    HttpServer exporter = LoopbackHttp.server();
    contexts.accept(exporter);
    exporter.start();
    Optional<Path> binary = onPath("prometheus");
    if (binary.isEmpty()) {
      return new LocalPrometheus(exporter, null, null, null);
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
    Path log = dir.resolve("prometheus.log");
    Process process = new ProcessBuilder(binary.get().toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new LocalPrometheus(exporter, process, log, "http://127.0.0.1:" + port);
  }

  String exporterUrl() {
    return LoopbackHttp.url(exporter);
  }

  /** Prometheus' base URL; null when it is not installed. */
  String address() {
    return address;
  }

  /**
   * When Prometheus runs, waits until {@code scraped} holds, e.g. until a query sees the
   * exporter's series: about 5s, as Prometheus 2.x hands new targets to its scrape loop at most
   * every 5s.
   */
  void awaitScrape(Callable<Boolean> scraped) throws IOException {
    if (process == null) {
      return;
    }
    try {
      Awaitility.await("the first scrape").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200)).until(scraped);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Prometheus did not scrape the test exporter; its log:\n"
          + Files.readString(log), e);
    }
  }

  /** Skips the calling test, saying why, when Prometheus is not installed. */
  void require() {
    Assumptions.assumeTrue(process != null,
        "prometheus not installed: this test needs Debian's prometheus package on PATH"
            + " (.ci/run installs it with .ci/prometheus)");
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    exporter.stop(0);
  }

  private static Optional<Path> onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(directory -> Path.of(directory, command)).filter(Files::isExecutable).findFirst();
  }
}
