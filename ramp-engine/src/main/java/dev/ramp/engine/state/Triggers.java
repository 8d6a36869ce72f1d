package dev.ramp.engine.state;

import static dev.ramp.api.Phase.Paused;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Observation;
import dev.ramp.engine.Times;
import dev.ramp.engine.analysis.JudgeGate;
import dev.ramp.engine.canary.CanaryTargets;
import dev.ramp.engine.experiment.RolloutExperimentPlanner;
import dev.ramp.engine.routing.RoutePlanner;
import java.time.Duration;
import java.time.Instant;

/**
 * The situations {@link RolloutStateMachine}'s rules look for, read from the state and the
 * observation.
 */
final class Triggers {
  private Triggers() {}

  /** The problems of the invalid spec are the ones already reported. */
  static boolean problemsReported(RolloutState s, Observation o) {
    return o.problems().message().equals(s.invalidMessage);
  }

  /** No stable revision yet, or its ReplicaSet is gone while the template is another one. */
  static boolean stableGone(RolloutState s, Observation o) {
    return s.stableRevision == null
        || (o.replicaSet(s.stableRevision).isEmpty() && !o.hash().equals(s.stableRevision));
  }

  static boolean strategyChanged(RolloutState s, Observation o) {
    return s.updating() && s.strategy != null && !s.strategy.equals(o.spec().strategyName());
  }

  static boolean backgroundInconclusive(RolloutState s, Observation o) {
    return AnalysisVerdicts.inconclusive(AnalysisVerdicts.backgroundRun(s, o));
  }

  static boolean stableAvailable(RolloutState s, Observation o) {
    return o.fullyAvailable(s.stableRevision, o.spec().replicas());
  }

  /**
   * Holding for the judge is waiting for evidence, and waiting for a gate or hook is waiting for
   * an outside system, not a stall: no deadline meanwhile.
   */
  static boolean deadlinePassed(RolloutState s, Observation o) {
    return s.awaitingAcceptanceSince == null && !GateVerdicts.waiting(s, o)
        && !o.now().isBefore(deadline(s, o));
  }

  /** When the progress deadline passes if nothing happens. */
  static Instant deadline(RolloutState s, Observation o) {
    return s.lastProgress.plus(o.spec().progressDeadline());
  }

  /** When the hold for the judge ends in a pause for a person, or null when it may last. */
  static Instant holdEnd(RolloutState s, Observation o) {
    Duration maxWait = s.awaitingAcceptanceSince == null ? null
        : JudgeGate.maxWait(o, s.stepIndex);
    return maxWait == null ? null : s.awaitingAcceptanceSince.plus(maxWait);
  }

  /** After full promotion, the judge failed the release while it still watches it. */
  static boolean failedAfterPromotion(RolloutState s, Observation o) {
    return AnalysisVerdicts.failedAfterPromotion(s, o).isPresent();
  }

  /** A promotion was watched, and the revision it replaced is scaled down (or replaced). */
  static boolean guardEnded(RolloutState s, Observation o) {
    return s.rollbackRevision != null && !JudgeGate.guarding(s, o);
  }

  /** When the timed pause of the current step ends, or null when it has none. */
  static Instant pauseEnd(RolloutState s, Observation o) {
    PauseCondition pause = s.pauseCondition(o.spec().steps().pauseReason());
    if (!atPauseStep(s, o) || pause == null) {
      return null;
    }
    Duration duration = o.spec().steps().pauseDuration(s.stepIndex);
    return duration == null ? null : Times.parse(pause.startTime, o.now()).plus(duration);
  }

  /**
   * What the current step of an update leads to, or null while it is under way. The step's
   * own order: the last step done, a pause, an analysis or experiment step, a leftover pause,
   * a sized step.
   */
  static Trigger stepTrigger(RolloutState s, Observation o) {
    if (s.stepIndex >= o.spec().steps().count()) {
      // a ping-pong canary's Service becomes the stable one once it has all the traffic
      boolean trafficMoved = !o.spec().pingPong()
          || RoutePlanner.weightApplied(o, o.spec().canary().weightTotal());
      return o.fullyAvailable(s.updatedRevision, o.spec().replicas()) && trafficMoved
          ? Trigger.CANARY_PROMOTED : null;
    }
    if (JudgeGate.awaitStep(o, s.stepIndex)
        || (s.awaitingAcceptanceSince != null && JudgeGate.gateBefore(o, s.stepIndex + 1))) {
      return holdTrigger(s, o);
    }
    if (s.awaitingAcceptanceSince != null) {
      return Trigger.JUDGE_ACCEPTED; // the spec no longer asks to wait here
    }
    Trigger done = stepDone(s, o);
    boolean movesOn = done == Trigger.STEP_COMPLETED || done == Trigger.PAUSE_ENDED;
    return movesOn && JudgeGate.gateBefore(o, s.stepIndex + 1)
        && !AnalysisVerdicts.judgeAccepted(s, o) ? Trigger.AWAITING_ACCEPTANCE : done;
  }

  /**
   * While the canary holds for the judge: its acceptance moves on, maxWait hands over to a
   * person, whose promote moves on too.
   */
  private static Trigger holdTrigger(RolloutState s, Observation o) {
    if (AnalysisVerdicts.judgeAccepted(s, o)) {
      return Trigger.JUDGE_ACCEPTED;
    }
    if (s.awaitingAcceptanceSince == null) {
      return Trigger.AWAITING_ACCEPTANCE;
    }
    if (s.phase == Paused) {
      return s.pauseCondition(PauseCondition.INCONCLUSIVE_ANALYSIS) == null
          ? Trigger.JUDGE_WAIVED : null;
    }
    Instant end = holdEnd(s, o);
    return end != null && !o.now().isBefore(end) ? Trigger.JUDGE_TIMED_OUT : null;
  }

  /** What the current step (not the last one done) leads to on its own. */
  private static Trigger stepDone(RolloutState s, Observation o) {
    if (step(s, o).gate != null) {
      return GateVerdicts.stepTrigger(s, o);
    }
    if (atPauseStep(s, o)) {
      if (s.controllerPause && pauseOver(s, o)) {
        return Trigger.PAUSE_ENDED;
      }
      return s.phase == Paused ? null : Trigger.PAUSE_STEP;
    }
    if (step(s, o).analysis != null) {
      return analysisStepTrigger(s, o);
    }
    if (step(s, o).experiment != null) {
      return RolloutExperimentPlanner.current(s, o)
          .filter(experiment -> experiment.phase() == AnalysisPhase.Successful)
          .map(experiment -> Trigger.STEP_COMPLETED).orElse(null);
    }
    if (s.phase == Paused) {
      return Trigger.USER_RESUME; // a controller pause left over from a step that is gone
    }
    return stepSatisfied(s, o) ? Trigger.STEP_COMPLETED : null;
  }

  /** An analysis step ends when its run succeeds, or waits for a person when inconclusive. */
  private static Trigger analysisStepTrigger(RolloutState s, Observation o) {
    AnalysisPhase phase = AnalysisVerdicts.stepRun(s, o).map(AnalysisRunView::phase)
        .orElse(AnalysisPhase.Pending);
    if (phase == AnalysisPhase.Successful) {
      return Trigger.STEP_COMPLETED;
    }
    if (phase != AnalysisPhase.Inconclusive) {
      return null;
    }
    if (s.phase != Paused) {
      return Trigger.ANALYSIS_INCONCLUSIVE;
    }
    return s.pauseCondition(PauseCondition.INCONCLUSIVE_ANALYSIS) == null
        ? Trigger.PAUSE_ENDED : null;
  }

  private static boolean atPauseStep(RolloutState s, Observation o) {
    return s.updating() && s.stepIndex < o.spec().steps().count() && step(s, o).pause != null;
  }

  /** A pause is over when a person removed its condition or its duration has passed. */
  private static boolean pauseOver(RolloutState s, Observation o) {
    if (s.pauseCondition(o.spec().steps().pauseReason()) == null) {
      return true;
    }
    Instant end = pauseEnd(s, o);
    return end != null && !o.now().isBefore(end);
  }

  /**
   * A sizing, weight or route step is done when the ReplicaSets have the pods it asks for,
   * available, and the traffic router shows its weight and routes.
   */
  private static boolean stepSatisfied(RolloutState s, Observation o) {
    CanaryTargets targets = CanaryTargets.at(s.stepIndex, o.spec());
    boolean canaryReady = o.fullyAvailable(s.updatedRevision, targets.canary());
    boolean stableSized = !o.spec().dynamicStableScale()
        || o.replicaSet(s.stableRevision).map(rs -> rs.replicas() == targets.stable()).orElse(true);
    return canaryReady && stableSized
        && RoutePlanner.weightApplied(o, targets.appliedWeight(o.available(s.updatedRevision)))
        && RoutePlanner.routeApplied(o, step(s, o));
  }

  private static CanaryStep step(RolloutState s, Observation o) {
    return o.spec().steps().at(s.stepIndex);
  }
}
