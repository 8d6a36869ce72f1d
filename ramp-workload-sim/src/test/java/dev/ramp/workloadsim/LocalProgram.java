package dev.ramp.workloadsim;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A server program a test runs itself (InfluxDB, graphite-web, Prometheus), with its output in a
 * log file that is shown when it does not come up. Tests use these only when the program is
 * installed, so they also find programs on PATH and free loopback ports to give them.
 */
public final class LocalProgram implements AutoCloseable {
  private final Process process;
  private final Path log;

  private LocalProgram(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code program}, its output and errors going to {@code log}. */
  public static LocalProgram start(ProcessBuilder program, Path log) throws IOException {
    return new LocalProgram(program.redirectErrorStream(true).redirectOutput(log.toFile())
        .start(), log);
  }

  /**
   * Waits until {@code ready} holds (exceptions count as not yet, as while the program is not
   * listening); if it does not within {@code atMost}, stops the program and fails with
   * {@code failure} and the program's log.
   *
   * @param failure what went wrong, e.g. "influxd did not start"
   */
  public void await(String condition, Duration atMost, Callable<Boolean> ready, String failure)
      throws IOException {
    try {
      Awaitility.await(condition).atMost(atMost).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions().until(ready);
    } catch (ConditionTimeoutException e) {
      close();
      throw new AssertionError(failure + "; its log:\n" + Files.readString(log), e);
    }
  }

  /** Stops the program, forcibly if it has not stopped after 10 seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A loopback port nothing listened on a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The executable {@code command} on PATH, if it is installed. */
  public static Optional<Path> onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(directory -> Path.of(directory, command)).filter(Files::isExecutable).findFirst();
  }
}
