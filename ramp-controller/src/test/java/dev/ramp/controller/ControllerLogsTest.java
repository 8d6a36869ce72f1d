package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the controller says about a rollout whose analysis reads a token from a Secret, with JSON
 * logs: every line of a reconcile names the rollout and the revision, and the token shows up in
 * none of the logs, the Events, the Rollout or its AnalysisRuns.
 */
class ControllerLogsTest extends ClusterTest {
  /** JOSDK names the threads that run reconciles so. */
  private static final String RECONCILE_THREAD = "ReconcilerExecutor-";
  private StatsServer stats;

  @BeforeAll
  void startStats() {
    stats = new StatsServer();
    SecretAnalysis.install(cluster, stats);
  }

  @AfterAll
  void stopStats() {
    stats.close();
  }

  @Test
  void linesNameTheRolloutAndRevisionAndTheTokenIsNeverShown() {
    String v2;
    List<JsonNode> lines;
    String logs;
    try (CapturedLogs captured = new CapturedLogs()) {
      cluster.create(Rollouts.canary("logged", 2, "demo:v1", weight(50), SecretAnalysis.step(),
          weight(100)));
      cluster.awaitPhase("logged", "Healthy");
      stats.defaultErrorRate(0.2);
      cluster.setImage("logged", "demo:v2");
      Rollout aborted = cluster.awaitPhase("logged", "Aborted");
      v2 = aborted.getStatus().updatedRevision;
      assertThat(aborted.getStatus().message).as("measured with the token")
          .contains("value 0.2");
      // the line follows the status write it reports
      Awaitility.await().atMost(Cluster.TIMEOUT)
          .until(() -> captured.text().contains("RolloutAborted"));
      lines = captured.lines();
      logs = captured.text();
    }

    List<JsonNode> reconciling = lines.stream()
        .filter(line -> line.path("threadName").asText().startsWith(RECONCILE_THREAD)).toList();
    assertThat(reconciling).isNotEmpty().allSatisfy(line -> {
      JsonNode context = line.path("mdc");
      assertThat(context.path("namespace").asText()).as("%s", line).isEqualTo(Cluster.NS);
      assertThat(context.path("rollout").asText()).as("%s", line).isEqualTo("logged");
      assertThat(context.path("revision").asText()).as("%s", line).isNotEmpty();
    });
    assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
        .contains("timestamp", "level", "loggerName", "threadName", "formattedMessage"));
    assertThat(reconciling).anySatisfy(line -> {
      assertThat(line.path("formattedMessage").asText()).contains("RolloutAborted");
      assertThat(line.path("mdc").path("revision").asText()).isEqualTo(v2);
    });

    assertThat(logs).doesNotContain(StatsServer.TOKEN);
    assertThat(cluster.client.v1().events().inNamespace(Cluster.NS).list().getItems())
        .isNotEmpty().allSatisfy(event ->
            assertThat(event.getMessage()).doesNotContain(StatsServer.TOKEN));
    assertThat(json(cluster.rollout("logged"))).doesNotContain(StatsServer.TOKEN);
    List<AnalysisRun> runs = cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .withLabel(RampLabels.ROLLOUT, "logged").list().getItems();
    assertThat(runs).singleElement().satisfies(run -> {
      assertThat(run.getStatus().phase).isEqualTo("Failed");
      assertThat(json(run)).doesNotContain(StatsServer.TOKEN);
    });
  }

  private String json(Object resource) {
    return cluster.client.getKubernetesSerialization().asJson(resource);
  }
}
