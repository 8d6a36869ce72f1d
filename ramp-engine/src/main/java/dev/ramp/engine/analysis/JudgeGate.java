package dev.ramp.engine.analysis;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.JudgeEvidence;
import dev.ramp.engine.Observation;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.spec.Durations;
import dev.ramp.engine.state.RolloutState;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where a canary waits for Ramp's judge (a compare metric of its background analysis): before
 * full promotion unless the analysis says {@code awaitAcceptance: false}, and at an
 * {@code awaitAcceptance} step. After full promotion the judge keeps watching while the previous
 * stable ReplicaSet is still up, so a late verdict can still send traffic back to it.
 */
public final class JudgeGate {
  private JudgeGate() {}

  /** True when the analysis has a compare metric among its templates (those found). */
  public static boolean hasJudge(RolloutAnalysis analysis,
      Map<String, AnalysisTemplateSpec> templates) {
    return analysis.templates != null && analysis.templates.stream()
        .map(ref -> templates.get(Snapshot.templateKey(ref)))
        .filter(t -> t != null && t.metrics != null)
        .flatMap(t -> t.metrics.stream())
        .anyMatch(m -> m != null && m.provider != null && m.provider.compare != null);
  }

  /** True when the canary has a background judge. */
  public static boolean judged(Observation o) {
    RolloutAnalysis background = o.spec().backgroundAnalysis();
    return o.spec().blueGreen() == null && background != null
        && hasJudge(background, o.templates());
  }

  /**
   * True when the rollout may not move on to step {@code next} without the judge's acceptance:
   * it is full promotion (all steps done, or a step setting the full weight) and the
   * background judge is not told otherwise.
   */
  public static boolean gateBefore(Observation o, int next) {
    if (!judged(o) || Boolean.FALSE.equals(o.spec().backgroundAnalysis().awaitAcceptance)) {
      return false;
    }
    if (next >= o.spec().steps().count()) {
      return true;
    }
    Integer weight = o.spec().steps().at(next).setWeight;
    return weight != null && weight == o.spec().canary().weightTotal();
  }

  /** True when step {@code index} is an awaitAcceptance step. */
  public static boolean awaitStep(Observation o, int index) {
    return index < o.spec().steps().count() && o.spec().steps().at(index).awaitAcceptance != null;
  }

  /** How long the hold at step {@code index} may last, or null for as long as it takes. */
  public static Duration maxWait(Observation o, int index) {
    CanaryStep step = index < o.spec().steps().count() ? o.spec().steps().at(index) : null;
    if (step != null && step.awaitAcceptance != null && step.awaitAcceptance.maxWait != null) {
      return Durations.parse(step.awaitAcceptance.maxWait);
    }
    RolloutAnalysis background = o.spec().backgroundAnalysis();
    return background == null || background.maxWait == null ? null
        : Durations.parse(background.maxWait);
  }

  /** The background run's judge, or null before it has one. */
  public static JudgeEvidence evidence(RolloutState s, Observation o) {
    return o.runs().current(s.updatedRevision, RolloutAnalysisPlanner.BACKGROUND)
        .filter(run -> !s.retiredRuns.contains(run.name()))
        .map(AnalysisRunView::judge).orElse(null);
  }

  /**
   * True while a fully promoted revision is still watched by its judge: the previous stable
   * revision's ReplicaSet has pods to go back to.
   */
  public static boolean guarding(RolloutState s, Observation o) {
    return s.rollbackRevision != null && !s.updating()
        && o.replicaSet(s.rollbackRevision).map(rs -> rs.replicas() > 0).orElse(false);
  }

  /**
   * True when a promotion is watched afterwards: the previous stable keeps its pods for
   * scaleDownDelaySeconds because a router moved its traffic away first (not for a ping-pong
   * canary, whose Services swap roles at promotion).
   */
  public static boolean guardsAfterPromotion(Observation o) {
    return judged(o) && o.spec().trafficLeavesFirst() && !o.spec().pingPong();
  }

  /** "Waiting for the judge at 50%: about 1,800 more canary requests needed". */
  public static String waiting(int weightPercent, JudgeEvidence evidence) {
    return "Waiting for the judge at " + weightPercent + "%: " + needs(evidence);
  }

  /** Why a hold ended in a pause for a person. */
  public static String notAccepted(Duration maxWait, JudgeEvidence evidence) {
    return "the judge has not accepted" + (maxWait == null ? "" : " after "
        + Durations.format(maxWait)) + ": " + needs(evidence) + "; promote to continue, or abort";
  }

  /** What the judge still needs before it can accept. */
  public static String needs(JudgeEvidence evidence) {
    if (evidence == null || !evidence.measured()) {
      return "the judge has not measured yet";
    }
    if (evidence.moreRequestsNeeded() == null) {
      return "the judge has not accepted yet";
    }
    return String.format(Locale.ROOT, "about %,d more canary requests needed",
        evidence.moreRequestsNeeded());
  }
}
