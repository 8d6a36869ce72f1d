package dev.ramp.engine.spec;

import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.Messages;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.WorkloadView;
import dev.ramp.engine.analysis.Arguments;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why Ramp cannot follow a rollout now, one sentence per problem, each kept to a readable size:
 * what is wrong in the spec or missing among what it names, pods of other ReplicaSets under its
 * selector, or the API server's refusal of its revision's ReplicaSet. None: the rollout goes on.
 */
public final class RolloutProblems {
  private static final String REFUSED = "the API server refused the ReplicaSet of revision ";

  private final List<String> sentences;
  private final String refusedRevision;
  private final String refusal;

  private RolloutProblems(List<String> sentences, String refusedRevision, String refusal) {
    this.sentences = sentences;
    this.refusedRevision = refusedRevision;
    this.refusal = refusal;
  }

  /**
   * The problems of the spec itself and of what it names (Services, the workloadRef Deployment,
   * analysis templates, the traffic router's objects, other workloads' pods). When there are
   * any, nothing can be derived from the spec; when there are none, see {@link #ofRevision}.
   */
  public static RolloutProblems ofSpec(Snapshot snapshot) {
    return new RolloutProblems(Messages.bounded(check(snapshot)), null, null);
  }

  /**
   * The problems of a valid spec whose template is {@code revision}: those of the ReplicaSets
   * it does not own, and the API server's refusal of the revision's ReplicaSet. A refusal is
   * the one in this snapshot, or the one the status records for this revision: it stands
   * until the template changes, since sending the same template again would be refused again.
   *
   * @param strays the problems of the ReplicaSets under the selector that it does not own
   */
  public static RolloutProblems ofRevision(Snapshot snapshot, String revision,
      List<String> strays) {
    RolloutStatus status = snapshot.rollout().getStatus();
    String refusal = snapshot.refusal() != null
        ? Messages.shorten(snapshot.refusal(), Messages.PROBLEM_CHARS)
        : status != null && revision.equals(status.refusedRevision) ? status.refusal : null;
    List<String> sentences = new ArrayList<>(Messages.bounded(strays));
    if (refusal != null) {
      sentences.add(
          Messages.shorten(REFUSED + revision + ": " + refusal, Messages.PROBLEM_CHARS));
    }
    return new RolloutProblems(sentences, refusal == null ? null : revision, refusal);
  }

  private static List<String> check(Snapshot snapshot) {
    RolloutSpec spec = snapshot.rollout().getSpec();
    List<String> found = new ArrayList<>(SpecValidator.check(spec));
    if (!found.isEmpty()) {
      return found;
    }
    WorkloadView workload = snapshot.workload();
    found.addAll(SpecValidator.checkReferences(
        spec,
        snapshot.services()::containsKey,
        workload == null ? null : workload.template(),
        workload == null ? null : workload.selector()));
    PodTemplateSpec template = spec.template != null ? spec.template
        : workload == null ? null : workload.template();
    if (template != null && found.isEmpty()) {
      found.addAll(SpecValidator.checkOverlaps(
          spec.selector != null ? spec.selector : workload.selector(), template,
          snapshot.others()));
    }
    found.addAll(SpecValidator.checkAnalyses(spec,
        snapshot.templates() == null ? Map.of() : snapshot.templates(),
        Arguments.rolloutJson(snapshot.rollout(), "stable-revision", "updated-revision",
            spec.strategy != null && spec.strategy.canary != null
                && spec.strategy.canary.baseline != null ? "baseline-revision" : null)));
    if (snapshot.routerProblem() != null) {
      found.add(snapshot.routerProblem());
    }
    return found;
  }

  /** True when there is a problem: then Ramp changes nothing until it is solved. */
  public boolean any() {
    return !sentences.isEmpty();
  }

  /** The problems as the message of the InvalidSpec condition. */
  public String message() {
    return String.join("; ", sentences);
  }

  /** The revision whose ReplicaSet the API server refused, if that is a problem now, or null. */
  public String refusedRevision() {
    return refusedRevision;
  }

  /** What the API server said when it refused {@link #refusedRevision()}, or null. */
  public String refusal() {
    return refusal;
  }
}
