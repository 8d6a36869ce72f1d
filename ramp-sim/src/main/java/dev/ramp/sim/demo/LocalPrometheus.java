package dev.ramp.sim.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Prometheus server of the machine's own (the {@code prometheus} program), started for the
 * demo on a free loopback port and scraping the sandbox every second.
 */
final class LocalPrometheus implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path dir;
  private final int port;

  private LocalPrometheus(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** True when the {@code prometheus} program is on the PATH. */
  static boolean installed() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "prometheus")));
  }

  /** Starts Prometheus scraping {@code target} (host:port) and waits until it is ready. */
  static LocalPrometheus start(String target) {
    try {
      Path dir = Files.createTempDirectory("ramp-demo-prometheus");
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
          + "scrape_configs:\n  - job_name: sandbox\n    static_configs: [{targets: ['"
          + target + "']}]\n");
      int port = freePort();
      Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("prometheus.log").toFile())
          .start();
      LocalPrometheus prometheus = new LocalPrometheus(process, dir, port);
      prometheus.awaitReady();
      return prometheus;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prometheus", e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        HttpURLConnection ready = (HttpURLConnection) URI.create(url() + "/-/ready").toURL()
            .openConnection();
        if (ready.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IllegalStateException("prometheus did not become ready; see its log in " + dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
