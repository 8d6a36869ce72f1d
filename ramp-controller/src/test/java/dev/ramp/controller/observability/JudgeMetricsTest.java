package dev.ramp.controller.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.AnalysisRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The judge's series as Prometheus scrapes them, for a compare metric with one source and one
 * with several signals, from AnalysisRun statuses as the controller writes them.
 */
class JudgeMetricsTest {
  private final PrometheusMeterRegistry registry = ControllerEndpoints.newRegistry();
  private final List<AnalysisRun> runs = new ArrayList<>();
  private final JudgeMetrics metrics = new JudgeMetrics(registry, () -> runs);

  private static final String ONE_SOURCE = """
      apiVersion: ramp.dev/v1alpha1
      kind: AnalysisRun
      metadata: {name: checkout-2.1, namespace: shop, labels: {ramp.dev/rollout: checkout}}
      status:
        phase: Running
        metricResults:
        - name: errors
          phase: Running
          measurements:
          - phase: Inconclusive
            compare: {canaryWeight: 10, eValue: "3.5", ratio: "1.1", ratioLower: "0.4",
                      ratioUpper: "2.9"}
      """;

  private static final String TWO_SIGNALS = """
      apiVersion: ramp.dev/v1alpha1
      kind: AnalysisRun
      metadata: {name: search-4.1, namespace: shop, labels: {ramp.dev/rollout: search}}
      status:
        phase: Running
        metricResults:
        - name: health
          phase: Running
          measurements:
          - phase: Inconclusive
            compare:
              canaryWeight: 25
              moreRequestsNeeded: 1800
              signals:
              - {name: errors, eValue: "1.5", ratio: "0.9", ratioLower: "0.3", ratioUpper: "1.7"}
              - {name: slow, eValue: "12", ratio: "2.2", ratioLower: "1.2", ratioUpper: "4.1"}
      """;

  @Test
  void aMetricWithOneSourceKeepsItsSeriesWithAnEmptySignal() {
    runs.add(Serialization.unmarshal(ONE_SOURCE, AnalysisRun.class));
    metrics.onAdd(runs.get(0));

    assertThat(scrape()).contains(
        "ramp_judge_evalue{metric=\"errors\",namespace=\"shop\",rollout=\"checkout\","
            + "signal=\"\"} 3.5",
        "ramp_judge_ratio{bound=\"upper\",metric=\"errors\",namespace=\"shop\","
            + "rollout=\"checkout\",signal=\"\"} 2.9");
  }

  @Test
  void aMetricWithSeveralSignalsHasSeriesForEachSignal() {
    runs.add(Serialization.unmarshal(TWO_SIGNALS, AnalysisRun.class));
    metrics.onAdd(runs.get(0));

    assertThat(scrape()).contains(
        "ramp_judge_evalue{metric=\"health\",namespace=\"shop\",rollout=\"search\","
            + "signal=\"errors\"} 1.5",
        "ramp_judge_evalue{metric=\"health\",namespace=\"shop\",rollout=\"search\","
            + "signal=\"slow\"} 12.0",
        "ramp_judge_ratio{bound=\"lower\",metric=\"health\",namespace=\"shop\","
            + "rollout=\"search\",signal=\"slow\"} 1.2");
  }

  @Test
  void theSeriesGoWhenTheRunEnds() {
    AnalysisRun run = Serialization.unmarshal(TWO_SIGNALS, AnalysisRun.class);
    runs.add(run);
    metrics.onAdd(run);
    assertThat(scrape()).contains("ramp_judge_evalue{");

    AnalysisRun ended = Serialization.unmarshal(TWO_SIGNALS.replace("phase: Running\n  metricResults",
        "phase: Successful\n  metricResults"), AnalysisRun.class);
    runs.set(0, ended);
    metrics.onUpdate(run, ended);

    assertThat(scrape()).doesNotContain("ramp_judge_evalue{", "ramp_judge_ratio{");
  }

  private String scrape() {
    return registry.scrape();
  }
}
