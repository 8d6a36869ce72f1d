package dev.ramp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramp.sim.Sandbox;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl ramp} as a user runs it: kubectl finds the plugin on PATH and runs it against
 * the sandbox, where Ramp's controller acts on what the plugin asks.
 */
class KubectlPluginTest {
  private static final String ROLLOUT = """
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: app, image: demo:v1}]}
        strategy:
          canary:
            scaleDownDelaySeconds: 0
            steps: [{setWeight: 50}, {pause: {}}]
      """;

  @TempDir static Path dir;
  static Path kubectl;
  static Sandbox sandbox;

  @BeforeAll
  static void start() throws IOException {
    kubectl = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(directory -> Path.of(directory, "kubectl")).filter(Files::isExecutable)
        .findFirst().orElse(null);
    Assumptions.assumeTrue(kubectl != null, "kubectl is not on PATH: the plugin test is skipped");
    sandbox = Sandbox.start(new Sandbox.Options(0, dir.resolve("kubeconfig"),
        Duration.ofMillis(200), 50, 1));
    writePlugin(dir.resolve("plugins"));
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /**
   * kubectl runs any executable named kubectl-ramp on PATH: here, this build's classes (with the
   * JVM options that suit a process of a few seconds).
   */
  private static void writePlugin(Path plugins) throws IOException {
    Files.createDirectories(plugins);
    Path plugin = plugins.resolve("kubectl-ramp");
    Files.writeString(plugin, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"),
        "bin", "java") + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
        + System.getProperty("java.class.path") + "' dev.ramp.cli.RampCommand \"$@\"\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  record Result(int exitCode, String out, String err) {}

  /** Runs kubectl with the plugin on PATH and the sandbox's kubeconfig in KUBECONFIG. */
  private static Result kubectl(String input, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(kubectl.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(Files.createTempFile(dir, "out", ".txt").toFile())
        .redirectError(Files.createTempFile(dir, "err", ".txt").toFile());
    builder.environment().put("PATH", dir.resolve("plugins") + File.pathSeparator
        + System.getenv("PATH"));
    builder.environment().put("KUBECONFIG", dir.resolve("kubeconfig").toString());
    builder.environment().put("HOME", dir.toString()); // kubectl's discovery cache goes here
    Process process = builder.start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(input.getBytes());
    }
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not end");
    }
    return new Result(process.exitValue(),
        Files.readString(builder.redirectOutput().file().toPath()),
        Files.readString(builder.redirectError().file().toPath()));
  }

  private static String phase() throws Exception {
    return kubectl("", "get", "rollout", "web", "-o", "jsonpath={.status.phase}").out();
  }

  @Test
  void shipAReleaseWithThePlugin() throws Exception {
    assertThat(kubectl(ROLLOUT, "apply", "-f", "-").exitCode()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> "Healthy".equals(phase()));

    Result setImage = kubectl("", "ramp", "set", "image", "web", "app=demo:v2");
    assertThat(setImage.out()).isEqualTo("rollout \"web\" image updated: app=demo:v2\n");
    await().atMost(Duration.ofSeconds(30)).until(() -> "Paused".equals(phase()));

    // The stable gives the canary its pod: once the pod it gave is gone, 1 of 2 pods is half.
    Result paused = await().atMost(Duration.ofSeconds(30)).until(
        () -> kubectl("", "ramp", "get", "rollout", "web"),
        get -> get.out().contains("of the 2 available pods"));
    assertThat(paused.exitCode()).isZero();
    assertThat(paused.out()).contains("Status:         || Paused",
        "Strategy:       Canary, step 2/2 (pause until promoted)",
        "Set weight:     50%", "Actual weight:  50% (no traffic router: the canary has 1 of the"
            + " 2 available pods)");
    assertThat(paused.out().lines().filter(line -> line.matches("[|` ]*-- revision \\d.*"))
        .map(line -> line.replaceAll(" +", " ")))
        .containsExactly("|-- revision 2 canary", "`-- revision 1 stable");

    Result promote = kubectl("", "ramp", "promote", "web");
    assertThat(promote.out())
        .isEqualTo("rollout \"web\" promoted past step 2/2 (pause until promoted)\n");

    Result status = kubectl("", "ramp", "status", "web", "--watch", "--timeout", "60s");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out().lines().reduce((first, last) -> last))
        .hasValueSatisfying(last -> assertThat(last).startsWith("Healthy"));

  }
}
