package dev.ramp.engine.experiment;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.experiment.Experiment;
import java.util.Map;
import java.util.Set;

/**
 * What the controller saw of an experiment and what it owns.
 *
 * @param replicaSets the experiment's ReplicaSets by name
 * @param services the names of the experiment's Services
 * @param runs the experiment's AnalysisRuns by name
 * @param templates the analysis templates it names that exist, by {@link #templateKey}
 * @param refusal why the API server refused an object made from the spec; null when none was
 */
public record ExperimentObservation(Experiment experiment, Map<String, ReplicaSetState> replicaSets,
    Set<String> services, Map<String, RunState> runs, Map<String, AnalysisTemplateSpec> templates,
    String refusal) {

  /** The same, after the API server refused an object made from the spec. */
  public ExperimentObservation withRefusal(String message) {
    return new ExperimentObservation(experiment, replicaSets, services, runs, templates, message);
  }

  /** A ReplicaSet's desired and available pods. */
  public record ReplicaSetState(int replicas, int readyReplicas, int availableReplicas) {}

  /** An AnalysisRun's verdict so far. */
  public record RunState(AnalysisPhase phase, String message, boolean terminated) {}

  /** How an analysis template is keyed in {@link #templates}: its name, or cluster/name. */
  public static String templateKey(String name, Boolean clusterScope) {
    return Boolean.TRUE.equals(clusterScope) ? "cluster/" + name : name;
  }
}
