package dev.ramp.engine.workload;

import dev.ramp.api.Baseline;
import dev.ramp.api.RampLabels;
import dev.ramp.engine.Copies;
import dev.ramp.engine.Observation;
import dev.ramp.engine.ReplicaSetView;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A canary's fresh baseline: pods of the stable template, started with the canary, so that an
 * analysis compares the canary with pods as new as its own (new pods look worse than warm old
 * ones for their first minutes). Its template is the stable ReplicaSet's with the label
 * {@code ramp.dev/role: baseline}, which gives it a pod-template-hash of its own: the stable
 * Service and ReplicaSet never select its pods. Derived from the stable ReplicaSet alone, so
 * every decision, after a restart too, finds the same revision.
 *
 * @param revision the baseline's pod-template-hash
 * @param template the baseline's pod template
 */
public record FreshBaseline(String revision, PodTemplateSpec template) {

  /**
   * The baseline of {@code stableRevision}, or empty when the spec asks for none or there is no
   * stable ReplicaSet to copy.
   */
  public static Optional<FreshBaseline> of(Observation o, String stableRevision) {
    if (o.spec() == null || o.spec().canary() == null || o.spec().canary().baseline == null) {
      return Optional.empty();
    }
    return o.replicaSet(stableRevision).map(ReplicaSetView::template)
        .filter(Objects::nonNull).map(FreshBaseline::copying);
  }

  static FreshBaseline copying(PodTemplateSpec stable) {
    PodTemplateSpec template = Copies.of(stable);
    if (template.getMetadata() == null) {
      template.setMetadata(new ObjectMeta());
    }
    Map<String, String> labels = new LinkedHashMap<>(
        Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
    labels.remove(RampLabels.POD_TEMPLATE_HASH);
    labels.put(RampLabels.ROLE, RampLabels.BASELINE);
    template.getMetadata().setLabels(labels);
    return new FreshBaseline(PodTemplates.hash(template), template);
  }

  /** Baseline pods wanted while the canary wants {@code canaryPods}. */
  static int replicas(Baseline spec, int canaryPods) {
    return Boolean.TRUE.equals(spec.matchCanary) ? canaryPods : spec.replicas;
  }

  /**
   * The baseline's share of requests (percent): the canary's, but never more than the stable
   * keeps, as far as its available pods serve it.
   *
   * @param canaryWeight the share the canary is given now
   * @param available baseline pods available that its ReplicaSet keeps
   * @param wanted baseline pods wanted
   */
  static int weight(int canaryWeight, int available, int wanted) {
    if (wanted == 0) {
      return 0;
    }
    return Math.min(canaryWeight, 100 - canaryWeight) * Math.min(available, wanted) / wanted;
  }
}
