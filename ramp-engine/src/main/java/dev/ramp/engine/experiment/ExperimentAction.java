package dev.ramp.engine.experiment;

import dev.ramp.api.analysis.AnalysisRunSpec;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.util.List;
import java.util.Map;

/** What an experiment's decision asks of the cluster; each is harmless when applied twice. */
public sealed interface ExperimentAction {
  /** A ReplicaSet owned by the experiment, created if missing. */
  record CreateReplicaSet(String name, Map<String, String> labels, ReplicaSetSpec spec)
      implements ExperimentAction {}

  record ScaleReplicaSet(String name, int replicas) implements ExperimentAction {}

  /** A Service owned by the experiment, created if missing. */
  record CreateService(String name, Map<String, String> selector, List<ServicePort> ports)
      implements ExperimentAction {}

  record DeleteService(String name) implements ExperimentAction {}

  /** An AnalysisRun owned by the experiment, created if missing. */
  record CreateAnalysisRun(String name, String analysis, AnalysisRunSpec spec)
      implements ExperimentAction {}

  record TerminateAnalysisRun(String name) implements ExperimentAction {}
}
