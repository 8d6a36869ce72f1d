package dev.ramp.controller.logging;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.engine.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The rollout a thread is working on, in the logging context (SLF4J's MDC) so that every line
 * logged meanwhile names it: {@value #NAMESPACE}, {@value #ROLLOUT} and {@value #REVISION}.
 */
public final class RolloutLogContext {
  public static final String NAMESPACE = "namespace";
  public static final String ROLLOUT = "rollout";
  /** The revision (pod-template-hash) being rolled out. */
  public static final String REVISION = "revision";

  private RolloutLogContext() {}

  /** Names the rollout that this Rollout is, or that this AnalysisRun analyses. */
  public static void enter(HasMetadata resource) {
    put(NAMESPACE, resource.getMetadata().getNamespace());
    if (resource instanceof Rollout rollout) {
      put(ROLLOUT, rollout.getMetadata().getName());
      put(REVISION, revision(rollout));
    } else if (resource instanceof AnalysisRun run) {
      Map<String, String> labels = run.getMetadata().getLabels();
      put(ROLLOUT, labels == null ? null : labels.get(RampLabels.ROLLOUT));
      put(REVISION, labels == null ? null : labels.get(RampLabels.REVISION_HASH));
    }
  }

  public static void leave() {
    MDC.remove(NAMESPACE);
    MDC.remove(ROLLOUT);
    MDC.remove(REVISION);
  }

  /**
   * The revision the spec asks for, so that the lines about a new revision already name it; for
   * a rollout of a Deployment's template, the newest one it has seen.
   */
  private static String revision(Rollout rollout) {
    if (rollout.getSpec() != null && rollout.getSpec().template != null) {
      return PodTemplates.hash(rollout.getSpec().template);
    }
    return rollout.getStatus() == null ? null : rollout.getStatus().updatedRevision;
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
