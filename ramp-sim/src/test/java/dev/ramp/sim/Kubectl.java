package dev.ramp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramp.sim.apiserver.SandboxApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the real kubectl against a sandbox, through a kubeconfig. */
public final class Kubectl {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Program program;
  private final List<String> connection;

  /** Writes a kubeconfig for the server into {@code dir}; skips the test without kubectl. */
  public static Kubectl of(SandboxApiServer server, Path dir) {
    Path kubeconfig = dir.resolve("kubeconfig");
    server.writeKubeconfig(kubeconfig, Map.of());
    return new Kubectl(kubeconfig, dir);
  }

  /** Skips the calling test when kubectl is not installed. */
  public Kubectl(Path kubeconfig, Path dir) {
    this.program = Program.onPath("kubectl", dir, "");
    // a cache of its own: kubectl caches discovery by host and port, which get reused
    this.connection = List.of("--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("cache").toString());
  }

  public Program.Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs kubectl with the given standard input (e.g. a manifest for {@code apply -f -}). */
  public Program.Result runWithInput(String input, String... args) {
    return program.run(input, command(args));
  }

  /** Starts a long-running kubectl, such as {@code get -w}, that is stopped on close. */
  public Background background(String... args) {
    Path out = program.tempFile();
    return new Background(program.start(out, program.tempFile(), command(args)), out);
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

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(connection);
    command.addAll(Arrays.asList(args));
    return command;
  }
}
