package dev.ramp.controller.observability;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.MetricResult;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts finished AnalysisRuns as {@code ramp_analysis_runs_total{phase,metric}}: when a run
 * completes, one count for each of its metrics, with the phase that metric ended in.
 */
final class AnalysisRunMetrics implements ResourceEventHandler<AnalysisRun> {
  private final MeterRegistry registry;

  AnalysisRunMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onAdd(AnalysisRun run) {
    // a run that finished before it was first seen was counted by whoever saw it finish
  }

  @Override
  public void onUpdate(AnalysisRun before, AnalysisRun after) {
    if (completed(before) || !completed(after) || after.getStatus().metricResults == null) {
      return;
    }
    for (MetricResult result : after.getStatus().metricResults) {
      Counter.builder("ramp.analysis.runs").description("Finished analysis runs, by metric")
          .tag("phase", String.valueOf(result.phase)).tag("metric", String.valueOf(result.name))
          .register(registry).increment();
    }
  }

  @Override
  public void onDelete(AnalysisRun run, boolean finalStateUnknown) {
    // nothing to forget
  }

  private static boolean completed(AnalysisRun run) {
    return run.getStatus() != null && AnalysisPhase.of(run.getStatus().phase).completed();
  }
}
