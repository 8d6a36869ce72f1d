package dev.ramp.workloadsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Graphite for tests, when Debian's {@code graphite-web} and {@code python3-whisper}
 * packages are installed: graphite-web's Django app run with {@code graphite-manage runserver}
 * on a free loopback port, with settings of its own that keep its whisper files, index and logs
 * in the test's directory and ask no carbon-cache. Points are written into the whisper files with
 * the whisper tools, at one-minute resolution kept for a day. No system service is used.
 */
public final class LocalGraphite implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> PROGRAMS =
      List.of("graphite-manage", "whisper-create", "whisper-update");

  private final LocalProgram process;
  private final String address;
  private final Path whisper;

  private LocalGraphite(LocalProgram process, String address, Path whisper) {
    this.process = process;
    this.address = address;
    this.whisper = whisper;
  }

  /** Starts graphite-web if installed and waits until its render API answers. */
  public static LocalGraphite start(Path dir) throws IOException {
    if (PROGRAMS.stream().anyMatch(program -> LocalProgram.onPath(program).isEmpty())) {
      return new LocalGraphite(null, null, null);
    }
    Path whisper = Files.createDirectories(dir.resolve("storage/whisper"));
    Files.createDirectories(dir.resolve("storage/log/webapp"));
    // graphite-web imports the module GRAPHITE_SETTINGS_MODULE names instead of local_settings
    Files.writeString(dir.resolve("ramp_graphite_settings.py"), """
        STORAGE_DIR = '%s'
        SECRET_KEY = 'ramp-tests-only'
        CARBONLINK_HOSTS = []
        TAGDB = ''
        DEBUG = False
        ALLOWED_HOSTS = ['127.0.0.1']
        """.formatted(dir.resolve("storage")));
    int port = LocalProgram.freePort();
    ProcessBuilder builder = new ProcessBuilder("graphite-manage", "runserver",
        "127.0.0.1:" + port, "--noreload");
    builder.environment().put("GRAPHITE_SETTINGS_MODULE", "ramp_graphite_settings");
    builder.environment().put("PYTHONPATH", dir.toString());
    LocalGraphite graphite = new LocalGraphite(
        LocalProgram.start(builder, dir.resolve("graphite-web.log")), "http://127.0.0.1:" + port,
        whisper);
    graphite.process.await("graphite-web answering /render", Duration.ofSeconds(60),
        () -> HTTP.send(HttpRequest.newBuilder(URI.create(graphite.address
            + "/render?target=none&format=json")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200,
        "graphite-web did not start");
    return graphite;
  }

  /** Graphite's base URL; null when it is not installed. */
  public String address() {
    return address;
  }

  /** Skips the calling test, saying why, when Graphite is not installed. */
  public void require() {
    Assumptions.assumeTrue(process != null, "graphite-web or the whisper tools are not installed:"
        + " this test needs Debian's graphite-web and python3-whisper packages on PATH (.ci/run"
        + " installs them with .ci/graphite)");
  }

  /**
   * Writes points into a metric's whisper file, creating it at first.
   *
   * @param metric a dotted Graphite path, e.g. app.c4n4ry.errors
   * @param points values by their time in epoch seconds, within the last day
   */
  public void write(String metric, Map<Long, Double> points) {
    write(Map.of(metric, points));
  }

  /**
   * Writes points into several metrics' whisper files so that a reader sees all or none of
   * them, as it sees a counter's running total and its errors when a service reports them
   * together: each file is written as a copy, and the copies are then moved into place.
   *
   * @param points for each dotted Graphite path, values by their time in epoch seconds
   */
  public void write(Map<String, Map<Long, Double>> points) {
    Map<Path, Path> copies = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Map<Long, Double>> metric : points.entrySet()) {
        Path file = whisper.resolve(metric.getKey().replace('.', '/') + ".wsp");
        Path copy = file.resolveSibling(file.getFileName() + ".writing");
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.deleteIfExists(copy);
          run(List.of("whisper-create", copy.toString(), "60:1440"));
        }
        List<String> update = new ArrayList<>(List.of("whisper-update", copy.toString()));
        metric.getValue().forEach((time, value) -> update.add(time + ":" + value));
        run(update);
        copies.put(copy, file);
      }
      for (Map.Entry<Path, Path> copy : copies.entrySet()) {
        Files.move(copy.getKey(), copy.getValue(), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command) {
    try {
      Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(tool.getInputStream().readAllBytes());
      if (tool.waitFor() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
