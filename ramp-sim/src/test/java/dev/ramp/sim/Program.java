package dev.ramp.sim;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A program from PATH that a test runs, such as kubectl or helm, with its output in files of the
 * test's directory. Finding it skips the calling test where the program is not installed.
 */
public final class Program {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Path binary;
  private final Path dir;
  private final Map<String, String> environment;

  private Program(String name, Path binary, Path dir, Map<String, String> environment) {
    this.name = name;
    this.binary = binary;
    this.dir = dir;
    this.environment = environment;
  }

  /** The program, writing its output into {@code dir}; skips the test, saying why, without it. */
  public static Program onPath(String name, Path dir, String withoutIt) {
    Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "")
            .split(File.pathSeparator))
        .map(directory -> Path.of(directory, name))
        .filter(Files::isExecutable)
        .findFirst();
    Assumptions.assumeTrue(found.isPresent(),
        name + " not found on PATH" + withoutIt + ": " + System.getenv("PATH"));
    return new Program(name, found.get(), dir, Map.of());
  }

  /** The same program with these environment variables set. */
  public Program withEnvironment(Map<String, String> variables) {
    return new Program(name, binary, dir, variables);
  }

  public record Result(String program, int exitCode, String out, String err) {
    /** Asserts success and returns standard output. */
    public String ok() {
      assertThat(exitCode).as("%s failed: %s", program, err).isZero();
      return out;
    }
  }

  /** Runs it to the end with the given standard input. */
  public Result run(String input, List<String> args) {
    Path out = tempFile();
    Path err = tempFile();
    Process process = start(out, err, args);
    try {
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(name + " " + String.join(" ", args) + " timed out");
      }
      return new Result(name, process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts it, its standard output and error going to the files. */
  public Process start(Path out, Path err, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new empty file in the test's directory. */
  public Path tempFile() {
    try {
      return Files.createTempFile(dir, name, ".txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
