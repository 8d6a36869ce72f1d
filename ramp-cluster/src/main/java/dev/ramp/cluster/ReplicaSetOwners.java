package dev.ramp.cluster;

import dev.ramp.api.Rollout;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.engine.spec.LabelSelectors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Map;
import java.util.Optional;

/**
 * Whose a ReplicaSet is, as a rollout sees it: its own, one of another workload Ramp already
 * weighs (another Rollout, a Deployment), or a stray that its selector may match.
 */
public final class ReplicaSetOwners {
  private static final String ROLLOUT_GROUP = HasMetadata.getGroup(Rollout.class) + "/";
  private static final String ROLLOUT_KIND = HasMetadata.getKind(Rollout.class);
  private static final String EXPERIMENT_KIND = HasMetadata.getKind(Experiment.class);
  private static final String DEPLOYMENT_API = HasMetadata.getApiVersion(Deployment.class);
  private static final String DEPLOYMENT_KIND = HasMetadata.getKind(Deployment.class);

  private ReplicaSetOwners() {}

  /** True when the rollout of this name owns the ReplicaSet (as the informer maps it). */
  public static boolean ownedBy(ReplicaSet rs, String rollout) {
    return rs.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> isRollout(ref) && rollout.equals(ref.getName()));
  }

  /**
   * True when no Rollout, Experiment or Deployment controls the ReplicaSet: the overlap checks
   * weigh those workloads whole (a workloadRef's Deployment runs its pods beside the rollout's
   * until it is healthy, and an experiment's pods run beside the rollout's on purpose).
   */
  public static boolean mayBeStray(ReplicaSet rs) {
    return controller(rs)
        .filter(ref -> isRollout(ref) || isRamps(ref, EXPERIMENT_KIND)
            || (DEPLOYMENT_API.equals(ref.getApiVersion())
            && DEPLOYMENT_KIND.equals(ref.getKind())))
        .isEmpty();
  }

  /** True when the selector selects the ReplicaSet's pods. */
  public static boolean selects(LabelSelector selector, ReplicaSet rs) {
    return !LabelSelectors.isEmpty(selector) && LabelSelectors.matches(selector, podLabels(rs));
  }

  /** The controlling owner as a person reads it ({@code Rollout "web" of argoproj.io/v1alpha1}). */
  public static String describeController(ReplicaSet rs) {
    return controller(rs)
        .map(ref -> ref.getKind() + " \"" + ref.getName() + "\" of " + ref.getApiVersion())
        .orElse(null);
  }

  private static Optional<OwnerReference> controller(ReplicaSet rs) {
    return rs.getMetadata().getOwnerReferences().stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController())).findFirst();
  }

  private static boolean isRollout(OwnerReference ref) {
    return isRamps(ref, ROLLOUT_KIND);
  }

  private static boolean isRamps(OwnerReference ref, String kind) {
    return kind.equals(ref.getKind()) && ref.getApiVersion() != null
        && ref.getApiVersion().startsWith(ROLLOUT_GROUP);
  }

  private static Map<String, String> podLabels(ReplicaSet rs) {
    var template = rs.getSpec() == null ? null : rs.getSpec().getTemplate();
    return template == null || template.getMetadata() == null ? null
        : template.getMetadata().getLabels();
  }
}
