package dev.ramp.cli.cluster;

import dev.ramp.api.RampLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** What Ramp writes on the objects it creates: revision numbers and hashes, and other labels. */
public final class RevisionLabels {
  private RevisionLabels() {}

  /** The revision number of one of Ramp's ReplicaSets; 0 when it has none. */
  public static long revision(HasMetadata replicaSet) {
    Map<String, String> annotations = replicaSet.getMetadata().getAnnotations();
    try {
      return annotations == null ? 0 : Long.parseLong(annotations.get(RampLabels.REVISION));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The pod-template hash of one of Ramp's ReplicaSets: the revision's name. */
  public static String hash(HasMetadata replicaSet) {
    return label(replicaSet, RampLabels.POD_TEMPLATE_HASH);
  }

  public static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
