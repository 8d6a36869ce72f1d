package dev.ramp.cli.actions;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Images;
import dev.ramp.cli.cluster.RevisionLabels;
import dev.ramp.cli.cluster.Rollouts;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Puts the pod template of an earlier revision back into the rollout. Ramp recognises it as that
 * revision and reuses its ReplicaSet.
 */
@Command(name = "undo", mixinStandardHelpOptions = true,
    description = "Go back to the pod template of the previous revision (or of --to-revision).")
public final class UndoCommand extends RolloutAction {
  @Option(names = "--to-revision", paramLabel = "N",
      description = "The revision to go back to (see the ramp.dev/revision annotation of the"
          + " ReplicaSets, or kubectl ramp get rollout).")
  Long toRevision;

  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    if (rollout.getSpec().workloadRef != null) {
      throw new CliException(rollout() + " takes its pod template from Deployment \""
          + rollout.getSpec().workloadRef.name + "\" (spec.workloadRef): undo by changing the"
          + " template of that Deployment");
    }
    String updated = statusOf(rollout).status().updatedRevision;
    Map<Long, ReplicaSet> revisions = rollouts.replicaSets(rollout).stream()
        .filter(rs -> RevisionLabels.revision(rs) > 0)
        .sorted(Comparator.comparing(RevisionLabels::revision))
        .collect(Collectors.toMap(RevisionLabels::revision, rs -> rs, (a, b) -> a,
            LinkedHashMap::new));
    long current = revisions.values().stream().filter(rs -> Objects.equals(RevisionLabels.hash(rs), updated))
        .map(RevisionLabels::revision).findFirst()
        .orElseThrow(() -> new CliException("cannot tell the current revision of " + rollout()
            + ": no ReplicaSet has its updatedRevision " + updated));
    long target = toRevision != null ? toRevision : revisions.keySet().stream()
        .filter(r -> r < current).reduce((a, b) -> b)
        .orElseThrow(() -> new CliException("no previous revision to undo to: " + rollout()
            + " has revision " + current + " only"));
    if (!revisions.containsKey(target)) {
      throw new CliException("revision " + target + " of " + rollout() + " not found (revisions: "
          + revisions.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
          + ")");
    }
    if (target == current) {
      throw new CliException("revision " + target + " is already the current revision of "
          + rollout());
    }
    ReplicaSet replicaSet = revisions.get(target);
    PodTemplateSpec template = rollouts.client().getKubernetesSerialization()
        .clone(replicaSet.getSpec().getTemplate());
    // The hash label is Ramp's, added to each ReplicaSet's copy; the Rollout's template has none.
    template.getMetadata().getLabels().remove(RampLabels.POD_TEMPLATE_HASH);
    rollouts.jsonPatch(name, List.of(Map.of("op", "replace", "path", "/spec/template",
        "value", template)));
    return rollout() + " set back to the template of revision " + target + " (ReplicaSet "
        + replicaSet.getMetadata().getName() + ": " + Images.of(template) + ")";
  }
}
