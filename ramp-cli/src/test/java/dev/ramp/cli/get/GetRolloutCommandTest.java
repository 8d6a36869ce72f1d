package dev.ramp.cli.get;

import static dev.ramp.cli.MockCluster.canaryAt;
import static dev.ramp.cli.MockCluster.healthy;
import static dev.ramp.cli.MockCluster.metric;
import static dev.ramp.cli.MockCluster.pausedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.BlueGreenStatus;
import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.gates.Gate;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.api.gates.Hook;
import dev.ramp.api.gates.Hooks;
import dev.ramp.cli.Cli;
import dev.ramp.cli.MockCluster;
import dev.ramp.cli.MockClusterTest;
import dev.ramp.cli.Terminal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code get rollout}: what the summary says, and the shape of the tree below it. */
class GetRolloutCommandTest extends MockClusterTest {
  /** setWeight 20, pause until promoted, analysis error-rate, setWeight 60. */
  private static Rollout rollout(String name) {
    return cluster.createRollout(name, 5, CanaryStep.weight(20), CanaryStep.pause(null),
        CanaryStep.analysis(analysis("error-rate")), CanaryStep.weight(60));
  }

  private static RolloutAnalysis analysis(String template) {
    RolloutAnalysis analysis = new RolloutAnalysis();
    analysis.templates = List.of(new RolloutAnalysis.TemplateRef(template));
    return analysis;
  }

  private static String get(String name, String... options) {
    List<String> args = new ArrayList<>(List.of("get", "rollout", name));
    args.addAll(List.of(options));
    Cli.Result result = cluster.ramp(args.toArray(String[]::new));
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    return result.out();
  }

  /** The lines of the summary above the tree. */
  private static List<String> summary(String out) {
    return out.lines().takeWhile(line -> !line.isEmpty()).toList();
  }

  /** The tree column (NAME with its branches) of each row under the header. */
  private static List<String> tree(String out) {
    int width = out.lines().filter(line -> line.startsWith("NAME ")).findFirst().orElseThrow()
        .indexOf("KIND");
    return rows(out).stream().map(row -> row.substring(0, width).stripTrailing()).toList();
  }

  /** The rows of the tree, after its header. */
  private static List<String> rows(String out) {
    return out.lines().dropWhile(line -> !line.startsWith("NAME ")).skip(1).toList();
  }

  private static String row(String out, String name) {
    return rows(out).stream().filter(line -> line.matches("[|` -]*" + name + " .*"))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + name + " in\n" + out));
  }

  @Test
  void aCanaryWaitingForItsPodsAtAWeightStep() {
    Rollout rollout = rollout("mid");
    cluster.createReplicaSet(rollout, "stable1", 1, "mid:v1", 5, 5);
    cluster.createReplicaSet(rollout, "canary2", 2, "mid:v2", 1, 0);
    cluster.setStatus("mid", canaryAt("Progressing", 0, 0).andThen(status -> status.message =
        "At step 1/4 (setWeight 20): canary canary2 has 0/1 pods available"));

    String out = get("mid");

    assertThat(summary(out)).containsExactly(
        "Name:           mid",
        "Namespace:      default",
        "Status:         ~ Progressing",
        "Message:        At step 1/4 (setWeight 20): canary canary2 has 0/1 pods available",
        "Strategy:       Canary, step 1/4 (setWeight 20)",
        "Set weight:     0% (status.canary.weight: the weight Ramp has set for the canary)",
        "Actual weight:  0% (no traffic router: the canary has 0 of the 5 available pods)",
        "Images:         mid:v1 (stable)",
        "                mid:v2 (canary)",
        "Replicas:       desired 5, current 0, updated 0, ready 0, available 0");
    assertThat(tree(out)).containsExactly(
        "mid",
        "|-- revision 2",
        "|   `-- mid-canary2",
        "|       `-- mid-canary2-pod0",
        "`-- revision 1",
        "    `-- mid-stable1",
        "        |-- mid-stable1-pod0",
        "        |-- mid-stable1-pod1",
        "        |-- mid-stable1-pod2",
        "        |-- mid-stable1-pod3",
        "        `-- mid-stable1-pod4");
    assertThat(row(out, "revision 2")).endsWith("canary");
    assertThat(row(out, "revision 1")).endsWith("stable");
    assertThat(row(out, "mid-canary2")).contains("ReplicaSet", "~ Progressing")
        .endsWith("available 0/1");
    assertThat(row(out, "mid-canary2-pod0")).contains("Pod", "~ Pending").endsWith("not ready");
    assertThat(row(out, "mid-stable1-pod0")).contains("Pod", "+ Running").endsWith("ready");
  }

  @Test
  void aCanaryWaitingForAGateShowsTheGateAndWhatItSaid() {
    Rollout rollout = MockCluster.rollout("gated", 4, CanaryStep.weight(20));
    rollout.getSpec().strategy.canary.gates = List.of(gate("change-freeze", "release"));
    rollout.getSpec().strategy.canary.hooks = new Hooks();
    rollout.getSpec().strategy.canary.hooks.postRelease = List.of(
        new Hook("announce", "http://chat.example"));
    rollout = cluster.client.resource(rollout).create();
    cluster.createReplicaSet(rollout, "stable1", 1, "gated:v1", 4, 4);
    cluster.createReplicaSet(rollout, "canary2", 2, "gated:v2", 0, 0);
    cluster.setStatus("gated", canaryAt("Progressing", 0, 0).andThen(status -> {
      status.message = "Waiting for gate change-freeze at step 1/2 (gate change-freeze before"
          + " the release): HTTP 503: change freeze until 18:00";
      GateStatus waiting = new GateStatus("change-freeze", "release", 0, "canary2", "Waiting",
          "2026-01-01T00:00:00Z");
      waiting.message = "HTTP 503: change freeze until 18:00";
      GateStatus announced = new GateStatus("announce", "postRelease", null, "stable1",
          "Failed", "2025-12-31T00:00:00Z");
      announced.message = "unreachable: connection refused";
      status.gates = List.of(waiting, announced);
    }));

    String out = get("gated");

    assertThat(summary(out)).contains(
        "Strategy:       Canary, step 1/2 (gate change-freeze before the release)",
        "Gates:          gate change-freeze before the release (revision canary2): Waiting:"
            + " HTTP 503: change freeze until 18:00",
        "                post-release hook announce (revision stable1): Failed: unreachable:"
            + " connection refused");
  }

  private static Gate gate(String name, String at) {
    Gate gate = new Gate(name, "http://" + name + ".example");
    gate.at = List.of(at);
    return gate;
  }

  @Test
  void aCanaryPausedAtAPauseStepWithItsWeights() {
    Rollout rollout = rollout("held");
    cluster.createReplicaSet(rollout, "stable1", 1, "held:v1", 4, 4);
    cluster.createReplicaSet(rollout, "canary2", 2, "held:v2", 1, 1);
    cluster.setStatus("held", pausedAt(1, 20));

    String out = get("held");

    assertThat(summary(out)).contains(
        "Status:         || Paused",
        "Strategy:       Canary, step 2/4 (pause until promoted)",
        "Set weight:     20% (status.canary.weight: the weight Ramp has set for the canary)",
        "Actual weight:  20% (no traffic router: the canary has 1 of the 5 available pods)");
    assertThat(row(out, "held")).contains("Rollout", "|| Paused");
  }

  @Test
  void aCanaryWithAFreshBaselineShowsItsRevisionAsTheBaseline() {
    Rollout rollout = rollout("fresh");
    cluster.createReplicaSet(rollout, "stable1", 1, "fresh:v1", 4, 4);
    cluster.createReplicaSet(rollout, "canary2", 2, "fresh:v2", 1, 1);
    cluster.createReplicaSet(rollout, "base3", 0, "fresh:v1", 1, 1);
    cluster.setStatus("fresh", pausedAt(1, 20).andThen(status ->
        status.canary.baselineRevision = "base3"));

    String out = get("fresh");

    assertThat(summary(out)).contains("Images:         fresh:v1 (stable, baseline)",
        "                fresh:v2 (canary)");
    assertThat(tree(out)).contains("`-- baseline", "    `-- fresh-base3");
    assertThat(row(out, "baseline")).endsWith("baseline");
    assertThat(row(out, "revision 1")).endsWith("stable");
  }

  @Test
  void anAbortedCanaryWithItsAnalysisRunsAndTheirLatestMeasurements() {
    Rollout rollout = rollout("failed");
    cluster.createReplicaSet(rollout, "stable1", 1, "failed:v1", 5, 5);
    cluster.createReplicaSet(rollout, "canary2", 2, "failed:v2", 0, 0);
    cluster.setStatus("failed", canaryAt("Aborted", 2, 0).andThen(status -> {
      status.abort = true;
      status.message = "Rollout aborted: analysis run failed-canary2-background failed";
      status.canary.backgroundAnalysisRun = "failed-canary2-background";
    }));
    cluster.createAnalysisRun(rollout, "failed-canary2-2", "canary2", "2", "Successful",
        metric("error-rate", "Successful", "0.004", null));
    cluster.createAnalysisRun(rollout, "failed-canary2-background", "canary2", "background",
        "Failed", metric("error-rate", "Failed", "0.3743",
            "failureCondition result[0] >= 0.05 is true"),
        metric("latency", "Successful", "0.120", null));
    cluster.createAnalysisRun(rollout, "failed-stable1-background", "stable1", "background",
        "Successful", metric("error-rate", "Successful", "0.001", null));

    String out = get("failed");

    assertThat(summary(out)).contains("Status:         x Aborted",
        "Message:        Rollout aborted: analysis run failed-canary2-background failed");
    // the runs of the canary's revision, the current one first; not those of other revisions
    assertThat(tree(out)).containsExactly(
        "failed",
        "|-- revision 2",
        "|   |-- failed-canary2",
        "|   |-- failed-canary2-background",
        "|   |   |-- error-rate",
        "|   |   `-- latency",
        "|   `-- failed-canary2-2",
        "|       `-- error-rate",
        "`-- revision 1",
        "    `-- failed-stable1",
        "        |-- failed-stable1-pod0",
        "        |-- failed-stable1-pod1",
        "        |-- failed-stable1-pod2",
        "        |-- failed-stable1-pod3",
        "        `-- failed-stable1-pod4");
    assertThat(row(out, "failed-canary2")).contains("ReplicaSet", "- ScaledDown");
    assertThat(row(out, "failed-canary2-background")).contains("AnalysisRun", "x Failed")
        .endsWith("background");
    assertThat(rows(out)).anySatisfy(line -> assertThat(line)
        .startsWith("|   |   |-- error-rate ").contains("Metric", "x Failed")
        .endsWith("latest 0.3743 (Failed): failureCondition result[0] >= 0.05 is true,"
            + " 1 measured"));
    assertThat(row(out, "failed-canary2-2")).contains("+ Successful").endsWith("step 3/4");
  }

  @Test
  void aBlueGreenPreviewWaitingForPromotion() {
    Rollout manifest = MockCluster.rollout("bg", 3);
    manifest.getSpec().strategy.canary = null;
    manifest.getSpec().strategy.blueGreen = new BlueGreenStrategy();
    manifest.getSpec().strategy.blueGreen.activeService = "bg-active";
    manifest.getSpec().strategy.blueGreen.autoPromotionEnabled = false;
    Rollout rollout = cluster.client.resource(manifest).create();
    cluster.createReplicaSet(rollout, "stable1", 1, "bg:v1", 3, 3);
    cluster.createReplicaSet(rollout, "preview2", 2, "bg:v2", 3, 3);
    cluster.setStatus("bg", status -> {
      status.phase = "Paused";
      status.stableRevision = "stable1";
      status.updatedRevision = "preview2";
      status.currentStepIndex = 1;
      status.blueGreen = new BlueGreenStatus();
      status.blueGreen.activeSelector = "stable1";
      status.blueGreen.previewSelector = "preview2";
      status.message = "Paused at step 2/2 (waiting for promotion): promote to continue";
    });

    String out = get("bg");

    assertThat(summary(out)).contains(
        "Status:         || Paused",
        "Strategy:       BlueGreen, step 2/2 (waiting for promotion)",
        "Images:         bg:v1 (active)",
        "                bg:v2 (preview)");
    assertThat(summary(out)).noneMatch(line -> line.contains("weight"));
    assertThat(row(out, "revision 2")).endsWith("preview");
    assertThat(row(out, "revision 1")).endsWith("active");
  }

  @Test
  void afterTheSwitchTheNewRevisionIsActive() {
    Rollout manifest = MockCluster.rollout("bg-post", 2);
    manifest.getSpec().strategy.canary = null;
    manifest.getSpec().strategy.blueGreen = new BlueGreenStrategy();
    manifest.getSpec().strategy.blueGreen.activeService = "bg-post-active";
    manifest.getSpec().strategy.blueGreen.postPromotionAnalysis = analysis("error-rate");
    Rollout rollout = cluster.client.resource(manifest).create();
    cluster.createReplicaSet(rollout, "stable1", 1, "bg-post:v1", 2, 2);
    cluster.createReplicaSet(rollout, "new2", 2, "bg-post:v2", 2, 2);
    cluster.setStatus("bg-post", status -> {
      status.phase = "Progressing";
      status.stableRevision = "stable1";
      status.updatedRevision = "new2";
      status.currentStepIndex = 1;
      status.blueGreen = new BlueGreenStatus();
      status.blueGreen.activeSelector = "new2";
      status.blueGreen.previewSelector = "new2";
    });

    String out = get("bg-post");

    assertThat(summary(out)).contains(
        "Strategy:       BlueGreen, step 2/2 (post-promotion analysis error-rate)");
    assertThat(row(out, "revision 2")).endsWith("active, preview");
    assertThat(row(out, "revision 1")).endsWith("previous");
  }

  @Test
  void symbolsAndBranchesInUtf8OnATerminalAndInAsciiOnRequest() {
    Rollout rollout = rollout("pretty");
    cluster.createReplicaSet(rollout, "stable1", 1, "pretty:v1", 1, 1);
    cluster.setStatus("pretty", healthy("stable1"));
    Terminal terminal = new Terminal(true, StandardCharsets.UTF_8);
    String kubeconfig = "--kubeconfig=" + cluster.kubeconfig;

    String unicode = Cli.run(terminal, "get", "rollout", "pretty", kubeconfig).out();
    String ascii = Cli.run(terminal, "get", "rollout", "pretty", "--ascii", kubeconfig).out();

    assertThat(summary(unicode)).contains("Status:         ✔ Healthy");
    assertThat(tree(unicode)).containsExactly("pretty", "└── revision 1",
        "    └── pretty-stable1", "        └── pretty-stable1-pod0");
    assertThat(summary(ascii)).contains("Status:         + Healthy");
    assertThat(tree(ascii)).containsExactly("pretty", "`-- revision 1",
        "    `-- pretty-stable1", "        `-- pretty-stable1-pod0");
  }

  @Test
  void asJsonAndYaml() throws Exception {
    Rollout rollout = rollout("data");
    cluster.createReplicaSet(rollout, "stable1", 1, "data:v1", 5, 5);
    cluster.createReplicaSet(rollout, "canary2", 2, "data:v2", 1, 1);
    cluster.setStatus("data", pausedAt(1, 20));

    JsonNode json = new ObjectMapper().readTree(get("data", "-o", "json"));
    String yaml = get("data", "-o", "yaml");

    assertThat(json.path("phase").asText()).isEqualTo("Paused");
    assertThat(json.path("weights").path("set").asInt()).isEqualTo(20);
    assertThat(json.path("weights").path("actual").asInt()).isEqualTo(17);
    assertThat(json.path("revisions").get(0).path("roles").get(0).asText()).isEqualTo("canary");
    assertThat(json.path("revisions").get(1).path("replicaSet").path("pods")).hasSize(5);
    assertThat(yaml).startsWith("---\nname: \"data\"\n".replace("\"", ""));
  }

  @Test
  void watchingPrintsAFrameWhenSomethingChanges() throws Exception {
    Rollout rollout = rollout("live");
    cluster.createReplicaSet(rollout, "stable1", 1, "live:v1", 1, 1);
    cluster.setStatus("live", canaryAt("Progressing", 0, 0));

    try (Cli.Running watch = cluster.rampInBackground("get", "rollout", "live", "--watch")) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> watch.out().contains("Status:         ~ Progressing"));
      cluster.setStatus("live", pausedAt(1, 20));
      await().atMost(Duration.ofSeconds(10))
          .until(() -> watch.out().contains("Status:         || Paused"));
      // The watch reads, shows, waits and reads again: once it has begun a third read, it has
      // shown what two reads of the unchanged rollout gave.
      cluster.awaitReadsOf("live", 3);

      // one frame per change, separated by an empty line, not one per read
      assertThat(Arrays.stream(watch.out().split("\n")).filter(l -> l.startsWith("Name:")))
          .hasSize(2);
      assertThat(watch.out()).contains("\n\nName:           live\n");
    }
  }

  @Test
  void aRolloutThatDoesNotExist() {
    Cli.Result result = cluster.ramp("get", "rollout", "nothing");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: rollout \"nothing\" not found in namespace \"default\"\n");
  }
}
