package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.controller.config.ControllerConfig;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.Arrays;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The controller's {@code /metrics}, scraped as Prometheus would after a rollout is promoted and
 * after the next one is aborted by its analysis, and while the judge weighs a canary; and its
 * probes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsEndpointTest extends ClusterTest {
  private static final int FORBIDDEN_CREATES = 3;

  private StatsServer stats;
  private ControllerInstance controller;

  @BeforeAll
  void startController() {
    cluster.stopController();
    stats = new StatsServer();
    SecretAnalysis.install(cluster, stats);
    JudgeAnalysis.install(cluster, stats);
    controller = ControllerInstance.start(cluster, ControllerConfig.defaults());
  }

  @AfterAll
  void stopController() {
    controller.close();
    stats.close();
  }

  /**
   * The sum of the series with this name and these labels (e.g. {@code phase="Aborted"}), as
   * PromQL's {@code sum} gives it; fails when there is none.
   */
  private double value(String name, String... labels) {
    String metrics = controller.get("/metrics").body();
    return metrics.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        // Prometheus writes infinity as +Inf, Java as Infinity
        .mapToDouble(line -> Double.parseDouble(
            line.substring(line.lastIndexOf(' ') + 1).replace("Inf", "Infinity")))
        .reduce(Double::sum)
        .orElseThrow(() -> new AssertionError("no series " + name + " "
            + Arrays.toString(labels) + " in:\n" + metrics));
  }

  /** Waits for a series to reach a value: the metrics follow the status a moment later. */
  private void awaitValue(String name, String label, Predicate<Double> expected) {
    Awaitility.await().alias(name + "{" + label + "}").atMost(Cluster.TIMEOUT)
        .ignoreExceptions().until(() -> expected.test(value(name, label)));
  }

  @Test
  @Order(1) // first: it counts every promotion and abort there is
  void aPromotionAndAnAbortShowInTheMetrics() {
    cluster.create(Rollouts.canary("observed", 2, "demo:v1", weight(50), SecretAnalysis.step(),
        weight(100)));
    cluster.awaitPhase("observed", "Healthy");
    stats.defaultErrorRate(0.01);
    cluster.setImage("observed", "demo:v2");
    cluster.await("observed", "v2 promoted", r -> "Healthy".equals(r.getStatus().phase)
        && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision));

    awaitValue("ramp_time_to_promotion_seconds_count", "", count -> count == 1);
    assertThat(value("ramp_time_to_promotion_seconds_sum")).isPositive();
    assertThat(value("ramp_rollout_step_transitions_total", "rollout=\"observed\"",
        "namespace=\"default\"")).as("one per step").isEqualTo(3);
    assertThat(value("ramp_analysis_runs_total", "phase=\"Successful\"",
        "metric=\"" + SecretAnalysis.METRIC + "\"")).isEqualTo(1);
    assertThat(value("ramp_rollouts", "phase=\"Healthy\"")).isEqualTo(1);

    stats.defaultErrorRate(0.2);
    cluster.setImage("observed", "demo:v3");
    cluster.awaitPhase("observed", "Aborted");

    awaitValue("ramp_time_to_abort_seconds_count", "", count -> count == 1);
    awaitValue("ramp_rollouts", "phase=\"Aborted\"", count -> count == 1);
    assertThat(value("ramp_rollouts", "phase=\"Healthy\"")).isZero();
    assertThat(value("ramp_time_to_promotion_seconds_count")).isEqualTo(1);
    assertThat(value("ramp_analysis_runs_total", "phase=\"Failed\"")).isEqualTo(1);
    assertThat(value("ramp_rollout_step_transitions_total", "rollout=\"observed\""))
        .as("v3 got past its first step").isEqualTo(4);

    assertThat(value("ramp_reconcile_seconds_count", "controller=\"rollouts\"")).isPositive();
    assertThat(value("ramp_reconcile_seconds_count", "controller=\"analysisruns\""))
        .isPositive();
    assertThat(value("ramp_reconcile_seconds_bucket", "controller=\"rollouts\"", "le=\"+Inf\""))
        .isEqualTo(value("ramp_reconcile_seconds_count", "controller=\"rollouts\""));
    assertThat(value("ramp_reconcile_errors_total", "controller=\"rollouts\"")).isZero();
    assertThat(value("ramp_kube_requests_total", "verb=\"list\"", "code=\"200\"")).isPositive();
    // a watch is a WebSocket: its answer is 101 Switching Protocols
    assertThat(value("ramp_kube_requests_total", "verb=\"watch\"", "code=\"101\""))
        .isPositive();
    assertThat(value("ramp_kube_requests_total", "verb=\"create\"", "code=\"201\""))
        .isPositive();
    assertThat(value("ramp_kube_requests_total", "verb=\"patch\"")).isPositive();
    assertThat(controller.get("/metrics").body()).contains("operator_sdk_", "jvm_memory_used");
  }

  @Test
  @Order(2)
  void theJudgesEvidenceShowsWhileItRunsAndGoesWithIt() {
    stats.defaultErrorRate(0.01);
    cluster.create(JudgeAnalysis.guarded("judged"));
    cluster.awaitPhase("judged", "Healthy");
    cluster.setImage("judged", "demo:v2");
    String canary = cluster.awaitStep("judged", 1, "Paused").getStatus().updatedRevision;
    String rollout = "rollout=\"judged\"";
    String metric = "metric=\"" + JudgeAnalysis.METRIC + "\"";

    awaitValue("ramp_judge_evalue", rollout, eValue -> eValue >= 0);
    double lower = value("ramp_judge_ratio", rollout, metric, "bound=\"lower\"");
    double upper = value("ramp_judge_ratio", rollout, metric, "bound=\"upper\"");
    assertThat(lower).isLessThanOrEqualTo(upper);
    assertThat(value("ramp_judge_evalue", rollout, metric, "namespace=\"default\""))
        .as("below the 1/alpha that rolls back").isLessThan(100);

    stats.errorRate(canary, 0.5);
    cluster.awaitPhase("judged", "Aborted");

    awaitValue("ramp_analysis_runs_total", metric, failed -> failed >= 1);
    Awaitility.await().alias("the judge's series gone with its run").atMost(Cluster.TIMEOUT)
        .until(() -> controller.get("/metrics").body().lines()
            .noneMatch(line -> line.startsWith("ramp_judge_") && line.contains(rollout)));
  }

  /**
   * Creating the ReplicaSet is forbidden three times (a role that lacked the permission until
   * an administrator fixed it): each failed reconcile is counted, and the rollout goes on.
   */
  @Test
  @Order(3)
  void failedReconcilesAreCounted() {
    double before = value("ramp_reconcile_errors_total", "controller=\"rollouts\"");
    cluster.server.expect().post().withPath("/apis/apps/v1/namespaces/default/replicasets")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403)
            .withReason("Forbidden").withMessage("replicasets.apps is forbidden").build())
        .times(FORBIDDEN_CREATES);

    cluster.create(Rollouts.canary("forbidden", 2, "demo:v1"));
    cluster.awaitPhase("forbidden", "Healthy");

    assertThat(value("ramp_reconcile_errors_total", "controller=\"rollouts\""))
        .isEqualTo(before + FORBIDDEN_CREATES);
    assertThat(value("ramp_kube_requests_total", "verb=\"create\"", "code=\"403\""))
        .isEqualTo(FORBIDDEN_CREATES);
  }

  @Test
  void theProbesAnswerWhileTheControllerRuns() {
    assertThat(controller.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(controller.get("/readyz").statusCode()).isEqualTo(200);
  }
}
