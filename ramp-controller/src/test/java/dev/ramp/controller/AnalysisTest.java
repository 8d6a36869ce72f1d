package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Metric;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analysis through the real operator: AnalysisRuns measured with the web provider against a
 * local endpoint that reports an error rate per revision and wants a bearer token from a Secret.
 */
class AnalysisTest extends ClusterTest {
  StatsServer stats;

  @BeforeAll
  void startStats() {
    stats = new StatsServer();
    SecretAnalysis.install(cluster, stats);
    SecretAnalysis.createTemplate(cluster, stats, "error-rate-background", "1s");
    JudgeAnalysis.install(cluster, stats);
  }

  @AfterAll
  void stopStats() {
    stats.close();
  }

  private Rollout withAnalysisStep(String name) {
    return Rollouts.canary(name, 2, "demo:v1", weight(50),
        SecretAnalysis.step(), weight(100));
  }

  private AnalysisRun run(String name) {
    return cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS).withName(name)
        .get();
  }

  @Test
  void aHealthyCanaryPassesItsAnalysisStepAndIsPromoted() {
    cluster.create(withAnalysisStep("ana-ok"));
    String v1 = cluster.awaitPhase("ana-ok", "Healthy").getStatus().stableRevision;
    stats.defaultErrorRate(0.01);

    cluster.setImage("ana-ok", "demo:v2");

    // v1's status matches all but the revision until the controller has seen the new image
    Rollout done = cluster.await("ana-ok", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision)
        && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision)
        && r.getStatus().currentStepIndex == 3);
    String v2 = done.getStatus().stableRevision;
    AnalysisRun run = run("ana-ok-" + v2 + "-1");
    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(run.getStatus().metricResults).singleElement().satisfies(m ->
        assertThat(m.measurements).singleElement().satisfies(measurement ->
            assertThat(measurement.value).isEqualTo("0.01")));
    assertThat(run.getSpec().args).extracting(a -> a.name + "=" + a.value)
        .contains("revision=" + v2, "token=null");
    assertThat(cluster.client.getKubernetesSerialization().asJson(run))
        .doesNotContain(StatsServer.TOKEN);
  }

  @Test
  void aFailingCanaryIsAbortedWithTheMetricAndValueInTheEvent() {
    cluster.create(withAnalysisStep("ana-bad"));
    String v1 = cluster.awaitPhase("ana-bad", "Healthy").getStatus().stableRevision;
    stats.defaultErrorRate(0.2);

    cluster.setImage("ana-bad", "demo:v2");

    Rollout aborted = cluster.awaitPhase("ana-bad", "Aborted");
    assertThat(aborted.getStatus().message).contains("metric error-rate failed: value 0.2");
    cluster.eventually(() -> assertThat(cluster.events("ana-bad")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("AnalysisRunFailed");
      assertThat(e.getMessage()).contains("error-rate", "0.2");
    }));
    cluster.await("ana-bad", "canary scaled down",
        r -> cluster.replicas("ana-bad", r.getStatus().updatedRevision) == 0);
    assertThat(cluster.replicas("ana-bad", v1)).isEqualTo(2);
  }

  @Test
  void anInconclusiveAnalysisPausesUntilAPersonPromotes() {
    cluster.create(withAnalysisStep("ana-unsure"));
    cluster.awaitPhase("ana-unsure", "Healthy");
    stats.defaultErrorRate(0.07);

    cluster.setImage("ana-unsure", "demo:v2");

    Rollout paused = cluster.await("ana-unsure", "paused inconclusive",
        r -> "Paused".equals(r.getStatus().phase) && r.getStatus().pauseConditions != null
            && r.getStatus().pauseConditions.stream()
                .anyMatch(p -> p.reason.equals("InconclusiveAnalysis")));
    assertThat(paused.getStatus().message).contains("inconclusive");

    cluster.patchStatus("ana-unsure", "{\"status\":{\"pauseConditions\":null}}");

    cluster.await("ana-unsure", "promoted", r -> "Healthy".equals(r.getStatus().phase)
        && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision));
  }

  @Test
  void aBackgroundAnalysisThatStartsFailingMidRolloutAbortsIt() {
    Rollout manifest = Rollouts.canary("ana-bg", 2, "demo:v1", weight(50), pause(null));
    manifest.getSpec().strategy.canary.analysis =
        SecretAnalysis.analysis("error-rate-background");
    cluster.create(manifest);
    cluster.awaitPhase("ana-bg", "Healthy");
    stats.defaultErrorRate(0.0);
    cluster.setImage("ana-bg", "demo:v2");
    Rollout paused = cluster.awaitStep("ana-bg", 1, "Paused");
    String run = paused.getStatus().canary.backgroundAnalysisRun;
    assertThat(run).isNotNull();

    stats.errorRate(paused.getStatus().updatedRevision, 0.5);

    Rollout aborted = cluster.awaitPhase("ana-bg", "Aborted");
    assertThat(aborted.getStatus().message).contains(run, "value 0.5");
    cluster.await("ana-bg", "run stopped", r -> Boolean.TRUE.equals(run(run).getSpec().terminate));
  }

  @Test
  void aFailingPostPromotionAnalysisSwitchesABlueGreenRolloutBack() {
    Rollout manifest = Rollouts.blueGreen("ana-bg2", 2, "demo:v1");
    manifest.getSpec().strategy.blueGreen.postPromotionAnalysis =
        SecretAnalysis.analysis(SecretAnalysis.TEMPLATE);
    cluster.createService("ana-bg2-active", "ana-bg2");
    cluster.createService("ana-bg2-preview", "ana-bg2");
    cluster.create(manifest);
    String v1 = cluster.awaitPhase("ana-bg2", "Healthy").getStatus().stableRevision;
    stats.defaultErrorRate(0.3);

    cluster.setImage("ana-bg2", "demo:v2");

    Rollout aborted = cluster.awaitPhase("ana-bg2", "Aborted");
    String v2 = aborted.getStatus().updatedRevision;
    assertThat(run("ana-bg2-" + v2 + "-post").getStatus().phase).isEqualTo("Failed");
    assertThat(cluster.pinnedHash("ana-bg2-active")).isEqualTo(v1);
    assertThat(cluster.replicas("ana-bg2", v1)).isEqualTo(2);
    cluster.eventually(() -> assertThat(cluster.events("ana-bg2").stream()
        .filter(e -> e.getReason().equals("SwitchService")).map(e -> e.getMessage()).toList())
        .contains("Service ana-bg2-active now selects revision " + v2,
            "Service ana-bg2-active now selects revision " + v1));
  }

  @Test
  void theJudgeSendsACanaryFailingHalfItsRequestsBackWithinAFewMeasurements() {
    stats.defaultErrorRate(0.01); // the new revision is as good as the old until told otherwise
    cluster.create(JudgeAnalysis.guarded("judge-bad"));
    stats.errorRate(cluster.awaitPhase("judge-bad", "Healthy").getStatus().stableRevision, 0.01);
    cluster.setImage("judge-bad", "demo:v2");
    String v2 = cluster.awaitStep("judge-bad", 1, "Paused").getStatus().updatedRevision;
    stats.errorRate(v2, 0.5);

    Rollout aborted = cluster.awaitPhase("judge-bad", "Aborted");

    assertThat(aborted.getStatus().message).contains("metric errors failed", "regression");
    AnalysisRun run = run("judge-bad-" + v2 + "-background");
    var result = run.getStatus().metricResults.get(0);
    assertThat(result.count).as("measurements, the first one the starting point")
        .isLessThanOrEqualTo(4);
    var last = result.measurements.get(result.measurements.size() - 1);
    assertThat(last.phase).isEqualTo("Failed");
    assertThat(Double.parseDouble(last.compare.eValue)).isGreaterThanOrEqualTo(100);
    assertThat(Double.parseDouble(last.compare.ratioLower)).isGreaterThan(1);
  }

  @Test
  void aRestartedControllerContinuesTheJudgesTestWhereItWas() {
    stats.defaultErrorRate(0.01); // the new revision is as good as the old until told otherwise
    cluster.create(JudgeAnalysis.guarded("judge-restart"));
    stats.errorRate(cluster.awaitPhase("judge-restart", "Healthy").getStatus().stableRevision,
        0.01);
    cluster.setImage("judge-restart", "demo:v2");
    String v2 = cluster.awaitStep("judge-restart", 1, "Paused").getStatus().updatedRevision;
    stats.errorRate(v2, 0.01);
    String name = "judge-restart-" + v2 + "-background";
    cluster.await("judge-restart", "3 measurements", r -> run(name) != null
        && run(name).getStatus() != null && run(name).getStatus().metricResults != null
        && run(name).getStatus().metricResults.get(0).count >= 3);
    long before = run(name).getStatus().metricResults.get(0).compare.judgedCanaryRequests;

    cluster.restartController();

    cluster.await("judge-restart", "more judged after the restart", r ->
        run(name).getStatus().metricResults.get(0).compare.judgedCanaryRequests > before + 200);
    assertThat(run(name).getStatus().metricResults.get(0).measurements)
        .filteredOn(m -> m.message != null && m.message.startsWith("first reading"))
        .hasSizeLessThanOrEqualTo(1);
    assertThat(run(name).getStatus().phase).isEqualTo("Running");
  }

  @Test
  void aMissingTemplateIsAnInvalidSpec() {
    cluster.create(Rollouts.canary("ana-missing", 1, "demo:v1",
        CanaryStep.analysis(SecretAnalysis.analysis("does-not-exist"))));

    Rollout invalid = cluster.awaitPhase("ana-missing", "Degraded");

    assertThat(invalid.getStatus().message).contains(
        "AnalysisTemplate \"does-not-exist\" does not exist");
  }
}
