package dev.ramp.controller.main;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.controller.config.Setting;
import dev.ramp.workloadsim.MockKubernetes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's runnable jar, the one the container image runs: it holds the controller
 * without the sandbox, the simulators or the mock API server, and it runs the controller.
 */
class ControllerJarIT {
  private static final Path JAR = Path.of("target", "ramp-controller.jar");
  private static final List<String> NOT_IN_THE_IMAGE = List.of("dev/ramp/sim/",
      "dev/ramp/workloadsim/", "io/fabric8/mockwebserver/",
      "io/fabric8/kubernetes/client/server/mock/", "okhttp3/mockwebserver/");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void holdsTheControllerAndNoSandboxSimulatorOrMockServer() throws IOException {
    List<String> entries;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(ControllerCommand.class.getName());
      entries = Collections.list(jar.entries()).stream().map(entry -> entry.getName()).toList();
    }

    assertThat(entries).contains("dev/ramp/controller/main/ControllerCommand.class",
        "dev/ramp/engine/", "io/javaoperatorsdk/operator/Operator.class", "logback.xml");
    assertThat(entries).noneMatch(entry -> NOT_IN_THE_IMAGE.stream().anyMatch(entry::startsWith));
  }

  @Test
  void helpListsEverySettingWithItsVariable() throws Exception {
    Process process = start(List.of("--help"), null);

    assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    String help = Files.readString(dir.resolve("out")).replaceAll("\\s+", " ");
    assertThat(help).startsWith("Usage: ramp-controller");
    for (Setting setting : Setting.values()) {
      assertThat(help).contains(setting.flag(), "Env: " + setting.env() + ".");
    }
  }

  @Test
  void withoutRampsCrdsItSaysSoInOneLineAndExits() throws Exception {
    try (MockKubernetes kubernetes = MockKubernetes.start()) {
      Process process = start(List.of(), kubeconfig(kubernetes));

      assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("err"))).isEqualTo("error: The Rollout,"
          + " AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate and Experiment CRDs"
          + " (rollouts.ramp.dev, analysisruns.ramp.dev, analysistemplates.ramp.dev,"
          + " clusteranalysistemplates.ramp.dev, experiments.ramp.dev) are not installed in "
          + kubernetes.client.getMasterUrl() + ". Install them with: kubectl apply -f"
          + " deploy/crds/ (Helm installs a chart's CRDs on a first install only, not on an"
          + " upgrade)\n");
    }
  }

  /** An installation upgraded without the CRD of the kind the new version brings. */
  @Test
  void withoutTheExperimentCrdItSaysSoInOneLineAndExits() throws Exception {
    try (MockKubernetes kubernetes = MockKubernetes.start("rollouts.ramp.dev",
        "analysistemplates.ramp.dev", "clusteranalysistemplates.ramp.dev",
        "analysisruns.ramp.dev")) {
      Process process = start(List.of(), kubeconfig(kubernetes));

      assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("err"))).isEqualTo("error: The Experiment CRD"
          + " (experiments.ramp.dev) is not installed in " + kubernetes.client.getMasterUrl()
          + ". Install it with: kubectl apply -f deploy/crds/ (Helm installs a chart's CRDs on"
          + " a first install only, not on an upgrade)\n");
    }
  }

  @Test
  void runsTheControllerWithJsonLogsAndAnswersItsProbes() throws Exception {
    int port = freePort();
    try (MockKubernetes kubernetes = MockKubernetes.start("rollouts.ramp.dev",
        "analysistemplates.ramp.dev", "clusteranalysistemplates.ramp.dev",
        "analysisruns.ramp.dev", "experiments.ramp.dev")) {
      Process process = start(List.of("--port", String.valueOf(port), "--log-format", "json"),
          kubeconfig(kubernetes));
      try {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + "/readyz")).build();
        Awaitility.await().atMost(TIMEOUT).ignoreExceptions().until(() ->
            http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        Awaitility.await().atMost(TIMEOUT).until(() ->
            Files.readString(dir.resolve("out")).contains("Ramp controller running against"));
      } finally {
        process.destroy();
        process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }

    List<JsonNode> lines = jsonLines(dir.resolve("out"));
    assertThat(lines).anySatisfy(line -> {
      assertThat(line.path("level").asText()).isEqualTo("INFO");
      assertThat(line.path("formattedMessage").asText()).startsWith(
          "Ramp controller running against http://localhost:").contains("all namespaces")
          .endsWith("metrics and probes on port " + port);
    });
  }

  /** The jar run by a JVM of its own, its output in the files out and err of {@link #dir}. */
  private Process start(List<String> args, Path kubeconfig) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
    // only the settings given here, and no in-cluster configuration
    builder.environment().keySet().removeIf(name -> name.startsWith("RAMP_")
        || name.startsWith("KUBERNETES_") || name.startsWith("POD_"));
    if (kubeconfig != null) {
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
    }
    return builder.start();
  }

  private Path kubeconfig(MockKubernetes kubernetes) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster: {server: "%s"}
        contexts:
          - name: mock
            context: {cluster: mock, user: mock, namespace: default}
        current-context: mock
        users:
          - name: mock
            user: {token: mock}
        """.formatted(kubernetes.client.getMasterUrl()));
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(json.readTree(line));
    }
    return lines;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
