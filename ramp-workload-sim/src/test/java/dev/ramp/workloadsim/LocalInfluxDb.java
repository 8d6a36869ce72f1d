package dev.ramp.workloadsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A real InfluxDB 1.x for tests, when Debian's {@code influxdb} package is installed: started as
 * {@code influxd} with a configuration of its own on free loopback ports, data in the test's
 * directory, authentication on and one admin user, {@value #USER}. No system service is used.
 */
public final class LocalInfluxDb implements AutoCloseable {
  public static final String USER = "ramp";
  public static final String PASSWORD = "s3cret-passw0rd";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final LocalProgram process;
  private final String address;

  private LocalInfluxDb(LocalProgram process, String address) {
    this.process = process;
    this.address = address;
  }

  /**
   * Starts InfluxDB if installed and waits until it answers, with its admin user created.
   *
   * @param httpSettings more lines of the configuration's [http] section, e.g. max-row-limit = 2
   */
  public static LocalInfluxDb start(Path dir, String... httpSettings) throws IOException {
    Optional<Path> binary = LocalProgram.onPath("influxd");
    if (binary.isEmpty()) {
      return new LocalInfluxDb(null, null);
    }
    int port = LocalProgram.freePort();
    Path config = Files.writeString(dir.resolve("influxdb.conf"), """
        reporting-disabled = true
        bind-address = "127.0.0.1:%d"
        [meta]
          dir = "%s"
        [data]
          dir = "%s"
          wal-dir = "%s"
          query-log-enabled = false
        [monitor]
          store-enabled = false
        [continuous_queries]
          enabled = false
        [http]
          bind-address = "127.0.0.1:%d"
          auth-enabled = true
          log-enabled = false
        %s
        """.formatted(LocalProgram.freePort(), dir.resolve("meta"), dir.resolve("data"),
        dir.resolve("wal"), port, String.join("\n", httpSettings)));
    LocalInfluxDb influx = new LocalInfluxDb(LocalProgram.start(new ProcessBuilder(
        binary.get().toString(), "-config", config.toString()), dir.resolve("influxd.log")),
        "http://127.0.0.1:" + port);
    influx.process.await("influxd answering /ping", Duration.ofSeconds(30),
        () -> influx.send(HttpRequest.newBuilder(URI.create(influx.address + "/ping")).GET())
            .statusCode() == 204, "influxd did not start");
    // the first user may be created without credentials, and must be an admin
    influx.check(influx.send(HttpRequest.newBuilder(URI.create(influx.address + "/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode("CREATE USER " + USER
            + " WITH PASSWORD '" + PASSWORD + "' WITH ALL PRIVILEGES", StandardCharsets.UTF_8)))));
    return influx;
  }

  /** InfluxDB's base URL; null when it is not installed. */
  public String address() {
    return address;
  }

  /** Skips the calling test, saying why, when InfluxDB is not installed. */
  public void require() {
    Assumptions.assumeTrue(process != null,
        "influxd not installed: this test needs Debian's influxdb package on PATH"
            + " (.ci/run installs it with .ci/influxdb)");
  }

  /** Runs an InfluxQL statement as the admin, e.g. CREATE DATABASE. */
  public void execute(String influxql) {
    check(send(authorized(URI.create(address + "/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(
            "q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8)))));
  }

  /** Writes points in line protocol, timestamps in milliseconds. */
  public void write(String database, String lineProtocol) {
    check(send(authorized(URI.create(address + "/write?precision=ms&db="
        + URLEncoder.encode(database, StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(lineProtocol))));
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void check(HttpResponse<String> answer) {
    if (answer.statusCode() / 100 != 2 || answer.body().contains("\"error\"")) {
      throw new AssertionError("InfluxDB answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
