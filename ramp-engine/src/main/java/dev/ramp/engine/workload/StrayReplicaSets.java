package dev.ramp.engine.workload;

import dev.ramp.api.RampLabels;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.StrayReplicaSetView;
import dev.ramp.engine.spec.LabelSelectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What becomes of the ReplicaSets the rollout's selector matches but the rollout does not own.
 * One that no controller owns and that runs the rollout's template, labelled with its revision,
 * is adopted as it is: its pods keep their labels, so none restarts. Any other one with pods is
 * a problem that stops the rollout, as another workload's pods under its selector would be: the
 * rollout would count and route them as its own, and size its own pods as if they were not there.
 */
public final class StrayReplicaSets {
  private static final String ADVICE =
      ": scale it to zero or delete it, or give the Rollout labels of its own";

  /**
   * @param adopted the ReplicaSet to adopt, numbered as it will be, or empty
   * @param problems one sentence for each other ReplicaSet that has pods
   */
  public record Verdict(Optional<ReplicaSetView> adopted, List<String> problems) {}

  private StrayReplicaSets() {}

  /**
   * Decides about each stray ReplicaSet, given the rollout's template and selector.
   *
   * @param owned the rollout's own ReplicaSets
   */
  public static Verdict judge(List<StrayReplicaSetView> strays, PodTemplateSpec template,
      LabelSelector selector, Collection<ReplicaSetView> owned) {
    ReplicaSetView adopted = null;
    List<String> problems = new ArrayList<>();
    for (StrayReplicaSetView stray : strays) {
      ReplicaSetView rs = stray.replicaSet();
      String unadoptable = unadoptable(stray, template, owned, adopted);
      if (unadoptable == null) {
        adopted = numbered(rs, owned);
      } else if (rs.replicas() > 0 || rs.currentReplicas() > 0) {
        problems.add("ReplicaSet \"" + rs.name() + "\""
            + (stray.controller() == null ? "" : " (controlled by " + stray.controller() + ")")
            + " runs pods that spec.selector \"" + LabelSelectors.format(selector)
            + "\" selects" + unadoptable + ADVICE);
      }
    }
    return new Verdict(Optional.ofNullable(adopted), problems);
  }

  /**
   * Why the ReplicaSet cannot be adopted, as a clause of the problem (empty when another
   * controller has it: the problem names that one), or null when it can.
   */
  private static String unadoptable(StrayReplicaSetView stray, PodTemplateSpec template,
      Collection<ReplicaSetView> owned, ReplicaSetView adopted) {
    ReplicaSetView rs = stray.replicaSet();
    if (stray.controller() != null) {
      return "";
    }
    if (rs.template() == null || !PodTemplates.same(rs.template(), template)) {
      return ", of a pod template other than the Rollout's";
    }
    if (rs.hash() == null) {
      // Its pods cannot be told from those of later revisions, and the selector of a ReplicaSet
      // cannot change: adopting it would mean relabelling running pods.
      return ", of the Rollout's pod template but without the " + RampLabels.POD_TEMPLATE_HASH
          + " label, so it cannot be adopted without relabelling them";
    }
    List<ReplicaSetView> taken = new ArrayList<>(owned);
    if (adopted != null) {
      taken.add(adopted);
    }
    return taken.stream()
        .filter(other -> other.hash().equals(rs.hash())
            || (other.template() != null && PodTemplates.same(other.template(), template)))
        .findFirst()
        .map(other -> ", of the Rollout's pod template, which ReplicaSet \"" + other.name()
            + "\" runs already")
        .orElse(null);
  }

  /** The ReplicaSet with a revision number: the one Ramp gave it, or the next one. */
  private static ReplicaSetView numbered(ReplicaSetView rs, Collection<ReplicaSetView> owned) {
    long revision = rs.revision() > 0 ? rs.revision()
        : owned.stream().mapToLong(ReplicaSetView::revision).max().orElse(0) + 1;
    return new ReplicaSetView(rs.name(), rs.hash(), revision, rs.replicas(),
        rs.currentReplicas(), rs.readyReplicas(), rs.availableReplicas(),
        rs.scaleDownDeadline(), rs.template());
  }
}
