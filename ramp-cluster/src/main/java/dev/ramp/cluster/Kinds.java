package dev.ramp.cluster;

import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.experiment.Experiment;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** The keys of the kinds of object the {@link Actuator} writes. */
public final class Kinds {
  public static final String REPLICA_SET = "ReplicaSet";
  public static final String ANALYSIS_RUN = HasMetadata.getKind(AnalysisRun.class);
  public static final String ANALYSIS_RUN_VERSION = HasMetadata.getApiVersion(AnalysisRun.class);
  public static final String EXPERIMENT = HasMetadata.getKind(Experiment.class);

  private Kinds() {}

  public static ObjectKey replicaSet(String namespace, String name) {
    return new ObjectKey("apps/v1", REPLICA_SET, namespace, name);
  }

  public static ObjectKey deployment(String namespace, String name) {
    return new ObjectKey("apps/v1", "Deployment", namespace, name);
  }

  public static ObjectKey service(String namespace, String name) {
    return new ObjectKey("v1", "Service", namespace, name);
  }

  public static ObjectKey pod(String namespace, String name) {
    return new ObjectKey("v1", "Pod", namespace, name);
  }

  public static ObjectKey analysisRun(String namespace, String name) {
    return new ObjectKey(ANALYSIS_RUN_VERSION, ANALYSIS_RUN, namespace, name);
  }

  public static ObjectKey experiment(String namespace, String name) {
    return new ObjectKey(HasMetadata.getApiVersion(Experiment.class), EXPERIMENT, namespace,
        name);
  }
}
