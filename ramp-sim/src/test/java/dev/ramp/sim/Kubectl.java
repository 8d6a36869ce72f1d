package dev.ramp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramp.sim.apiserver.SandboxApiServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real kubectl against a sandbox, through a kubeconfig. */
public final class Kubectl {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path binary;
  private final List<String> connection;
  private final Path dir;

  /** Writes a kubeconfig for the server into {@code dir}; skips the test without kubectl. */
  public static Kubectl of(SandboxApiServer server, Path dir) {
    Path kubeconfig = dir.resolve("kubeconfig");
    server.writeKubeconfig(kubeconfig, Map.of());
    return new Kubectl(kubeconfig, dir);
  }

  /** Skips the calling test when kubectl is not installed. */
  public Kubectl(Path kubeconfig, Path dir) {
    Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "")
            .split(File.pathSeparator))
        .map(directory -> Path.of(directory, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
    Assumptions.assumeTrue(found.isPresent(),
        "kubectl not found on PATH: " + System.getenv("PATH"));
    this.binary = found.get();
    this.dir = dir;
    // a cache of its own: kubectl caches discovery by host and port, which get reused
    this.connection = List.of("--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("cache").toString());
  }

  public record Result(int exitCode, String out, String err) {
    /** Asserts success and returns standard output. */
    public String ok() {
      assertThat(exitCode).as("kubectl failed: %s", err).isZero();
      return out;
    }
  }

  public Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs kubectl with the given standard input (e.g. a manifest for {@code apply -f -}). */
  public Result runWithInput(String input, String... args) {
    Path out = tempFile();
    Path err = tempFile();
    Process process = start(out, err, args);
    try {
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " timed out");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a long-running kubectl, such as {@code get -w}, that is stopped on close. */
  public Background background(String... args) {
    Path out = tempFile();
    return new Background(start(out, tempFile(), args), out);
  }

  public static final class Background implements AutoCloseable {
    private final Process process;
    private final Path out;

    private Background(Process process, Path out) {
      this.process = process;
      this.out = out;
    }

    /** Waits until the output has a line matching the regular expression. */
    public void awaitLine(String regex) {
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lines()).anyMatch(
          line -> line.matches(regex)));
    }

    public List<String> lines() {
      try {
        return Files.readAllLines(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      process.destroy();
    }
  }

  private Process start(Path out, Path err, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(connection);
    command.addAll(Arrays.asList(args));
    try {
      return new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path tempFile() {
    try {
      return Files.createTempFile(dir, "kubectl", ".txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
