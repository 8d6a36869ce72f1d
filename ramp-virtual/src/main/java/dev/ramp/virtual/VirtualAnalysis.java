package dev.ramp.virtual;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.engine.analysis.AnalysisRunPlanner;
import dev.ramp.engine.analysis.Arguments;
import dev.ramp.engine.analysis.Taken;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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
    for (VirtualCluster.Run run : cluster.runs.values()) {
      if (run.status != null && run.phase.completed()) {
        continue;
      }
      AnalysisRun resource = resource(run);
      List<AnalysisRunPlanner.Task> tasks = AnalysisRunPlanner.tasks(resource, cluster.now);
      if (tasks.isEmpty() && run.status != null && !run.terminated) {
        continue;
      }
      List<Taken> taken = new ArrayList<>();
      for (AnalysisRunPlanner.Task task : tasks) {
        if (task.work() == AnalysisRunPlanner.Work.MEASURE) {
          taken.add(measure(task.metric(), run));
        }
      }
      run.status = AnalysisRunPlanner.update(resource, taken, cluster.now).status();
      AnalysisPhase phase = AnalysisPhase.of(run.status.phase);
      changed |= phase != run.phase;
      run.phase = phase;
      run.message = run.status.message;
    }
    return changed;
  }

  private Taken measure(Metric metric, VirtualCluster.Run run) {
    Metric resolved;
    try {
      resolved = Arguments.substitute(metric, values(run));
    } catch (IllegalArgumentException e) {
      return Taken.error(metric.name, e.getMessage());
    }
    return provider.measure(resolved);
  }

  private static AnalysisRun resource(VirtualCluster.Run run) {
    AnalysisRun resource = new AnalysisRun();
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(run.name);
    resource.setMetadata(metadata);
    resource.setSpec(run.spec);
    resource.setStatus(run.status);
    return resource;
  }

  /** The run's argument values; a virtual cluster has no Secrets, so only given values. */
  private static Map<String, String> values(VirtualCluster.Run run) {
    Map<String, String> values = new HashMap<>();
    for (Argument arg : run.spec.args == null ? List.<Argument>of() : run.spec.args) {
      values.put(arg.name, arg.value);
    }
    return values;
  }
}
