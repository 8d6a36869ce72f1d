package dev.ramp.virtual;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.engine.analysis.AnalysisRunPlanner;
import dev.ramp.engine.analysis.Arguments;
import dev.ramp.engine.analysis.Taken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the AnalysisRun controller on a {@link VirtualCluster}: the engine's measurement loop
 * ({@link AnalysisRunPlanner}) says what is due, a provider given here measures it, and the
 * engine judges it, as the controller's AnalysisRunReconciler does against a real cluster.
 */
public final class VirtualAnalysis {
  private final Provider provider;

  /** Measures one metric now; the metric comes with its {@code {{args.*}}} replaced. */
  @FunctionalInterface
  public interface Provider {
    Taken measure(Metric metric);
  }

  public VirtualAnalysis(Provider provider) {
    this.provider = provider;
  }

  /**
   * Takes every run's measurements that are due at the cluster's time.
   *
   * @return true when some run's phase changed (the rollout's controller would look again)
   */
  public boolean reconcile(VirtualCluster cluster) {
    boolean changed = false;
    for (AnalysisRun run : cluster.analysisRuns()) {
      AnalysisRunStatus status = run.getStatus();
      AnalysisPhase phase = status == null || status.phase == null ? null
          : AnalysisPhase.of(status.phase);
      if (phase != null && phase.completed()) {
        continue;
      }
      List<AnalysisRunPlanner.Task> tasks = AnalysisRunPlanner.tasks(run, cluster.now);
      if (tasks.isEmpty() && status != null && !Boolean.TRUE.equals(run.getSpec().terminate)) {
        continue;
      }
      List<Taken> taken = new ArrayList<>();
      for (AnalysisRunPlanner.Task task : tasks) {
        if (task.work() == AnalysisRunPlanner.Work.MEASURE) {
          taken.add(measure(task.metric(), run));
        }
      }
      AnalysisRunStatus updated = AnalysisRunPlanner.update(run, taken, cluster.now).status();
      cluster.setRunStatus(run.getMetadata().getName(), updated);
      changed |= AnalysisPhase.of(updated.phase) != phase;
    }
    return changed;
  }

  private Taken measure(Metric metric, AnalysisRun run) {
    Metric resolved;
    try {
      resolved = Arguments.substitute(metric, values(run));
    } catch (IllegalArgumentException e) {
      return Taken.error(metric.name, e.getMessage());
    }
    return provider.measure(resolved);
  }

  /** The run's argument values; a virtual cluster has no Secrets, so only given values. */
  private static Map<String, String> values(AnalysisRun run) {
    Map<String, String> values = new HashMap<>();
    for (Argument arg : run.getSpec().args == null ? List.<Argument>of() : run.getSpec().args) {
      values.put(arg.name, arg.value);
    }
    return values;
  }
}
