package dev.ramp.engine.state;

import static dev.ramp.api.Phase.Aborted;
import static dev.ramp.api.Phase.Degraded;
import static dev.ramp.api.Phase.Healthy;
import static dev.ramp.api.Phase.Paused;
import static dev.ramp.api.Phase.Progressing;
import static dev.ramp.engine.state.Trigger.*;

import dev.ramp.api.CanaryServices;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.Phase;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Observation;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.RolloutExperimentView;
import dev.ramp.engine.Times;
import dev.ramp.engine.analysis.JudgeGate;
import dev.ramp.engine.canary.CanarySteps;
import dev.ramp.engine.experiment.RolloutExperimentPlanner;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * The rollout state machine, in two tables. {@link #RULES} says which trigger matters most now:
 * the first rule whose situation holds gives it. {@link #TABLE} says what a trigger does: in
 * which phases it is accepted, the phase it leads to (null: the phase stays), whether it counts
 * as progress for the progress deadline, and its effects on the control state, each reported by
 * an Event.
 */
public final class RolloutStateMachine {
  private static final Set<Phase> ANY = EnumSet.allOf(Phase.class);
  private static final Set<Phase> NOT_ABORTED = EnumSet.complementOf(EnumSet.of(Aborted));
  private static final Set<Phase> RUNNING = EnumSet.of(Progressing, Degraded);
  private static final Set<Phase> UPDATING = EnumSet.of(Progressing, Paused, Degraded);
  /** The transition restarts the progress deadline's clock. */
  private static final boolean PROGRESS = true;
  private static final boolean NO_PROGRESS = false;

  /** A situation, and the trigger it gives: null when nothing happens now. */
  record Rule(BiPredicate<RolloutState, Observation> when,
      BiFunction<RolloutState, Observation, Trigger> trigger) {}

  /** Applies a change to the state and says, for its Event, what happened. */
  @FunctionalInterface
  interface Effect {
    String apply(RolloutState s, Observation o);
  }

  /** An effect and the Event that reports it. */
  record Reported(boolean warning, String reason, Effect effect) {}

  record Transition(
      Set<Phase> from, Trigger trigger, Phase to, boolean progress, List<Reported> effects) {}

  /**
   * In priority order; evaluation stops at the first rule whose situation holds, also when it
   * gives no trigger (the spec problems are already reported, an abort is still set, the user's
   * pause is already in effect).
   */
  private static final List<Rule> RULES = List.of(
      rule((s, o) -> o.invalid(), (s, o) -> Triggers.problemsReported(s, o) ? null : SPEC_INVALID),
      rule((s, o) -> s.invalidMessage != null, SPEC_FIXED),
      rule((s, o) -> GateVerdicts.postReleaseAnswered(s, o).isPresent(),
          (s, o) -> GateVerdicts.postReleaseSucceeded(s, o)
              ? POST_RELEASE_SUCCEEDED : POST_RELEASE_FAILED),
      rule(Triggers::stableGone, INITIAL_REVISION),
      rule((s, o) -> !o.hash().equals(s.updatedRevision),
          (s, o) -> o.hash().equals(s.stableRevision) ? BACK_TO_STABLE : NEW_REVISION),
      rule(Triggers::failedAfterPromotion, FAILED_AFTER_PROMOTION),
      rule(Triggers::guardEnded, GUARD_ENDED),
      rule((s, o) -> s.phase == Aborted, (s, o) -> s.abort ? null : RETRY),
      rule(Triggers::strategyChanged, STRATEGY_CHANGED),
      rule((s, o) -> s.abort, (s, o) -> s.updating() ? ABORT : ABORT_IGNORED),
      rule((s, o) -> GateVerdicts.rollbackAsked(s, o).isPresent(), ROLLBACK_REQUESTED),
      rule((s, o) -> s.promoteFull, (s, o) -> s.updating() && s.stepIndex < o.spec().steps().count()
          ? PROMOTE_FULL : PROMOTE_IGNORED),
      rule((s, o) -> o.spec().userPaused(), (s, o) -> s.phase == Paused ? null : USER_PAUSE),
      rule((s, o) -> s.phase == Paused && !(s.controllerPause && s.updating()), USER_RESUME),
      rule((s, o) -> AnalysisVerdicts.failed(s, o).isPresent(), ANALYSIS_FAILED),
      rule((s, o) -> RolloutExperimentPlanner.failed(s, o).isPresent(), EXPERIMENT_FAILED),
      rule((s, o) -> Triggers.backgroundInconclusive(s, o) && s.phase != Paused,
          ANALYSIS_INCONCLUSIVE),
      rule((s, o) -> Triggers.backgroundInconclusive(s, o) && s.phase == Paused
          && s.pauseCondition(PauseCondition.INCONCLUSIVE_ANALYSIS) == null, ANALYSIS_RESUMED),
      rule((s, o) -> s.updating() && Triggers.stepTrigger(s, o) != null, Triggers::stepTrigger),
      rule((s, o) -> !s.updating() && Triggers.stableAvailable(s, o) && s.phase != Healthy,
          BECAME_HEALTHY),
      rule((s, o) -> !s.updating() && !Triggers.stableAvailable(s, o) && s.phase == Healthy,
          LOST_AVAILABILITY),
      rule((s, o) -> s.phase == Progressing && Triggers.deadlinePassed(s, o),
          (s, o) -> o.spec().progressDeadlineAbort() && s.updating()
              ? DEADLINE_ABORT : DEADLINE_EXCEEDED),
      rule((s, o) -> s.phase == Degraded && s.progressed, PROGRESS_RESUMED));

  private static final List<Transition> TABLE = List.of(
      row(ANY, SPEC_INVALID, Degraded, NO_PROGRESS,
          warning("InvalidSpec", RolloutStateMachine::markInvalid)),
      row(ANY, SPEC_FIXED, Progressing, PROGRESS,
          normal("SpecFixed", RolloutStateMachine::clearInvalid)),
      row(ANY, POST_RELEASE_SUCCEEDED, null, NO_PROGRESS,
          normal("HookSucceeded", GateVerdicts::postReleaseDone)),
      row(ANY, POST_RELEASE_FAILED, null, NO_PROGRESS,
          warning("HookFailed", GateVerdicts::postReleaseDone)),
      row(ANY, INITIAL_REVISION, Progressing, PROGRESS,
          normal("RolloutUpdated", RolloutStateMachine::adoptAsStable)),
      row(ANY, NEW_REVISION, Progressing, PROGRESS,
          normal("RolloutUpdated", RolloutStateMachine::startSteps)),
      row(ANY, BACK_TO_STABLE, Progressing, PROGRESS,
          normal("RolloutUpdated", RolloutStateMachine::backToStable)),
      row(UPDATING, ABORT, Aborted, NO_PROGRESS,
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(UPDATING, STRATEGY_CHANGED, Progressing, PROGRESS,
          normal("StrategyChanged", RolloutStateMachine::restartSteps)),
      row(NOT_ABORTED, ABORT_IGNORED, null, NO_PROGRESS,
          warning("NothingToAbort", RolloutStateMachine::ignoreAbort)),
      row(EnumSet.of(Aborted), RETRY, Progressing, PROGRESS,
          normal("RolloutRetried", RolloutStateMachine::retry)),
      row(UPDATING, ROLLBACK_REQUESTED, Aborted, NO_PROGRESS,
          warning("RollbackRequested", GateVerdicts::rollback),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(UPDATING, ANALYSIS_FAILED, Aborted, NO_PROGRESS,
          warning("AnalysisRunFailed", RolloutStateMachine::analysisFailed),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(UPDATING, EXPERIMENT_FAILED, Aborted, NO_PROGRESS,
          warning("ExperimentFailed", RolloutStateMachine::experimentFailed),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(RUNNING, ANALYSIS_INCONCLUSIVE, Paused, PROGRESS,
          warning("AnalysisRunInconclusive", RolloutStateMachine::analysisInconclusive)),
      row(NOT_ABORTED, FAILED_AFTER_PROMOTION, Aborted, NO_PROGRESS,
          warning("AnalysisRunFailed", RolloutStateMachine::failedAfterPromotion),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(ANY, GUARD_ENDED, null, NO_PROGRESS,
          normal("JudgeGuardEnded", RolloutStateMachine::endGuard)),
      row(EnumSet.of(Paused), ANALYSIS_RESUMED, Progressing, PROGRESS,
          normal("RolloutResumed", RolloutStateMachine::restartBackgroundAnalysis)),
      row(UPDATING, PROMOTE_FULL, Progressing, PROGRESS,
          normal("RolloutPromoted", RolloutStateMachine::promoteFull)),
      row(NOT_ABORTED, PROMOTE_IGNORED, null, NO_PROGRESS,
          warning("NothingToPromote", RolloutStateMachine::ignorePromote)),
      row(NOT_ABORTED, USER_PAUSE, Paused, PROGRESS,
          normal("RolloutPaused", RolloutStateMachine::userPause)),
      row(EnumSet.of(Paused), USER_RESUME, Progressing, PROGRESS,
          normal("RolloutResumed", RolloutStateMachine::resume)),
      row(RUNNING, PAUSE_STEP, Paused, PROGRESS,
          normal("RolloutPaused", RolloutStateMachine::enterPause)),
      row(UPDATING, PAUSE_ENDED, Progressing, PROGRESS,
          normal("RolloutStepCompleted", RolloutStateMachine::nextStep)),
      row(UPDATING, AWAITING_ACCEPTANCE, Progressing, PROGRESS,
          normal("AwaitingAcceptance", RolloutStateMachine::awaitAcceptance)),
      row(RUNNING, JUDGE_ACCEPTED, Progressing, PROGRESS,
          normal("JudgeAccepted", RolloutStateMachine::judgeAccepted)),
      row(RUNNING, JUDGE_TIMED_OUT, Paused, PROGRESS,
          warning("AnalysisRunInconclusive", RolloutStateMachine::judgeTimedOut)),
      row(EnumSet.of(Paused), JUDGE_WAIVED, Progressing, PROGRESS,
          normal("RolloutStepCompleted", RolloutStateMachine::nextStep)),
      row(RUNNING, GATE_REACHED, null, NO_PROGRESS,
          normal("GateWaiting", GateVerdicts::reach)),
      row(RUNNING, GATE_APPROVED, Progressing, PROGRESS,
          normal("GateApproved", GateVerdicts::approve)),
      row(RUNNING, GATE_DENIED, Aborted, NO_PROGRESS,
          warning("GateDenied", GateVerdicts::deny),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(RUNNING, GATE_TIMED_OUT, Aborted, NO_PROGRESS,
          warning("GateTimedOut", GateVerdicts::timeOut),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(RUNNING, HOOK_STARTED, null, NO_PROGRESS,
          normal("HookStarted", GateVerdicts::reach)),
      row(RUNNING, HOOK_SUCCEEDED, Progressing, PROGRESS,
          normal("HookSucceeded", GateVerdicts::hookSucceeded)),
      row(RUNNING, HOOK_FAILED, Aborted, NO_PROGRESS,
          warning("HookFailed", GateVerdicts::hookFailed),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(RUNNING, STEP_COMPLETED, Progressing, PROGRESS,
          normal("RolloutStepCompleted", RolloutStateMachine::nextStep)),
      row(RUNNING, CANARY_PROMOTED, Healthy, NO_PROGRESS,
          normal("RolloutCompleted", RolloutStateMachine::promote)),
      row(RUNNING, BECAME_HEALTHY, Healthy, NO_PROGRESS,
          normal("RolloutHealthy", RolloutStateMachine::healthy)),
      row(EnumSet.of(Healthy), LOST_AVAILABILITY, Progressing, PROGRESS,
          warning("RolloutUnavailable", RolloutStateMachine::unavailable)),
      row(EnumSet.of(Progressing), DEADLINE_EXCEEDED, Degraded, NO_PROGRESS,
          warning("ProgressDeadlineExceeded", RolloutStateMachine::stalled)),
      row(EnumSet.of(Progressing), DEADLINE_ABORT, Aborted, NO_PROGRESS,
          warning("ProgressDeadlineExceeded", RolloutStateMachine::stalledAndAborting),
          warning("RolloutAborted", RolloutStateMachine::abort)),
      row(EnumSet.of(Degraded), PROGRESS_RESUMED, Progressing, PROGRESS,
          normal("RolloutProgressing",
              (s, o) -> "Pods became available again: progress resumed")));

  private RolloutStateMachine() {}

  /**
   * Fires transitions until none applies, and returns the Events they produced. The state is
   * left in {@code s}.
   */
  public static List<RolloutEvent> run(RolloutState s, Observation o) {
    List<RolloutEvent> events = new ArrayList<>();
    int limit = 2 * (o.invalid() ? 0 : o.spec().steps().count()) + 20;
    for (int i = 0; i < limit; i++) {
      Trigger trigger = nextTrigger(s, o);
      Transition transition = trigger == null ? null : find(s.phase, trigger);
      if (transition == null) {
        break;
      }
      for (Reported effect : transition.effects()) {
        String message = effect.effect().apply(s, o);
        events.add(new RolloutEvent(effect.warning(), effect.reason(), message));
      }
      if (transition.progress()) {
        countProgress(s, o);
      }
      if (transition.to() != null) {
        s.phase = transition.to();
      }
    }
    return events;
  }

  /**
   * The control state stored in {@code status}, as the machine starts from it. More pods
   * available than the status last counted is progress too: the one progress that is not a
   * transition.
   */
  public static RolloutState initialState(RolloutStatus status, Observation o) {
    RolloutState state = RolloutState.from(status, o.now());
    if (state.phase == null) {
      state.phase = Progressing;
    }
    if (!o.invalid() && morePodsAvailable(state, o, status)) {
      countProgress(state, o);
    }
    if (!o.invalid()) {
      GateVerdicts.absorb(state, o);
    }
    return state;
  }

  /**
   * When, if nothing else happens, a timer of the machine fires (pause end, gate timeout,
   * deadline).
   */
  public static Instant nextTimer(RolloutState s, Observation o) {
    if (o.invalid()) {
      return null;
    }
    Instant pauseEnd = Triggers.pauseEnd(s, o);
    if (s.phase == Paused && pauseEnd != null && !o.spec().userPaused()) {
      return pauseEnd;
    }
    Instant gateTimeout = GateVerdicts.timeoutAt(s, o);
    if (s.phase == Progressing && gateTimeout != null) {
      return gateTimeout;
    }
    if (s.phase == Progressing && s.awaitingAcceptanceSince != null) {
      return Triggers.holdEnd(s, o);
    }
    return s.phase == Progressing ? Triggers.deadline(s, o) : null;
  }

  private static Trigger nextTrigger(RolloutState s, Observation o) {
    return RULES.stream()
        .filter(rule -> rule.when().test(s, o))
        .findFirst()
        .map(rule -> rule.trigger().apply(s, o))
        .orElse(null);
  }

  private static Transition find(Phase phase, Trigger trigger) {
    return TABLE.stream()
        .filter(t -> t.trigger() == trigger && t.from().contains(phase))
        .findFirst()
        .orElse(null);
  }

  private static boolean morePodsAvailable(RolloutState s, Observation o, RolloutStatus old) {
    return o.available(s.updatedRevision) > zeroIfNull(old.updatedAvailableReplicas)
        || o.totalAvailable() > zeroIfNull(old.availableReplicas);
  }

  private static int zeroIfNull(Integer value) {
    return value == null ? 0 : value;
  }

  /** The progress deadline counts from now. */
  private static void countProgress(RolloutState s, Observation o) {
    s.lastProgress = o.now();
    s.progressed = true;
  }

  private static Rule rule(BiPredicate<RolloutState, Observation> when, Trigger trigger) {
    return new Rule(when, (s, o) -> trigger);
  }

  private static Rule rule(BiPredicate<RolloutState, Observation> when,
      BiFunction<RolloutState, Observation, Trigger> trigger) {
    return new Rule(when, trigger);
  }

  private static Transition row(
      Set<Phase> from, Trigger trigger, Phase to, boolean progress, Reported... effects) {
    return new Transition(from, trigger, to, progress, List.of(effects));
  }

  private static Reported normal(String reason, Effect effect) {
    return new Reported(false, reason, effect);
  }

  private static Reported warning(String reason, Effect effect) {
    return new Reported(true, reason, effect);
  }

  // The effects, in the order of the table.

  private static String markInvalid(RolloutState s, Observation o) {
    s.invalidMessage = o.problems().message();
    return "Invalid spec: " + s.invalidMessage + ". Nothing is changed until it is fixed.";
  }

  private static String clearInvalid(RolloutState s, Observation o) {
    s.invalidMessage = null;
    return "The spec is valid again";
  }

  private static String adoptAsStable(RolloutState s, Observation o) {
    s.rollbackRevision = null;
    s.awaitingAcceptanceSince = null;
    String previous = s.stableRevision;
    s.stableRevision = o.hash();
    s.updatedRevision = o.hash();
    s.stepIndex = o.spec().steps().count();
    s.abort = false;
    s.promoteFull = false;
    s.clearControllerPause();
    return previous == null
        ? "First revision " + o.hash() + ": scaling to " + o.spec().replicas()
            + " pods, no steps on a first deploy"
        : "Stable ReplicaSet of revision " + previous + " is gone: revision " + o.hash()
            + " becomes stable without steps";
  }

  private static String startSteps(RolloutState s, Observation o) {
    s.rollbackRevision = null;
    s.awaitingAcceptanceSince = null;
    s.updatedRevision = o.hash();
    s.stepIndex = 0;
    s.abort = false;
    s.promoteFull = false;
    s.abortMessage = null;
    s.clearControllerPause();
    GateVerdicts.forgetAnswers(s);
    return "New revision " + o.hash() + " (" + images(o) + "): running "
        + o.spec().steps().count() + " steps against stable revision " + s.stableRevision;
  }

  private static String backToStable(RolloutState s, Observation o) {
    s.rollbackRevision = null;
    s.awaitingAcceptanceSince = null;
    String abandoned = s.updatedRevision;
    s.updatedRevision = s.stableRevision;
    s.stepIndex = o.spec().steps().count();
    s.abort = false;
    s.promoteFull = false;
    s.abortMessage = null;
    s.clearControllerPause();
    GateVerdicts.forgetAnswers(s);
    return "Template is back to stable revision " + s.stableRevision + ": steps skipped, revision "
        + abandoned + " scaled down";
  }

  private static String abort(RolloutState s, Observation o) {
    s.awaitingAcceptanceSince = null;
    if (s.abortMessage == null) {
      s.abortMessage = "aborted on request at " + o.spec().steps().describe(s.stepIndex);
    }
    s.clearControllerPause();
    GateVerdicts.startPostRelease(s, o, s.updatedRevision);
    s.abortMessage = "Rollout aborted: " + s.abortMessage + ". All traffic and replicas are back on"
        + " stable revision " + s.stableRevision;
    return s.abortMessage;
  }

  private static String restartSteps(RolloutState s, Observation o) {
    s.awaitingAcceptanceSince = null;
    s.strategy = o.spec().strategyName();
    s.stepIndex = 0;
    s.clearControllerPause();
    return "Strategy changed to " + s.strategy + ": revision " + s.updatedRevision
        + " starts its steps again (" + o.spec().steps().describe(0) + ")";
  }

  private static String analysisFailed(RolloutState s, Observation o) {
    AnalysisRunView run = AnalysisVerdicts.failed(s, o).orElseThrow();
    s.abort = true;
    s.abortMessage = "analysis run " + run.name() + " " + verdict(run);
    return "Analysis run " + run.name() + " " + verdict(run);
  }

  private static String experimentFailed(RolloutState s, Observation o) {
    RolloutExperimentView experiment = RolloutExperimentPlanner.failed(s, o).orElseThrow();
    String verdict = experiment.name() + " is " + experiment.phase()
        + (experiment.message() == null ? "" : ": " + experiment.message());
    s.abort = true;
    s.abortMessage = "experiment " + verdict;
    return "Experiment " + verdict;
  }

  private static String analysisInconclusive(RolloutState s, Observation o) {
    AnalysisRunView run = AnalysisVerdicts.backgroundRun(s, o)
        .filter(r -> AnalysisVerdicts.inconclusive(java.util.Optional.of(r)))
        .or(() -> AnalysisVerdicts.stepRun(s, o)).orElseThrow();
    s.controllerPause = true;
    s.pauseConditions.add(
        new PauseCondition(PauseCondition.INCONCLUSIVE_ANALYSIS, Times.format(o.now())));
    return "Analysis run " + run.name() + " " + verdict(run)
        + ": promote to continue, or abort";
  }

  private static String restartBackgroundAnalysis(RolloutState s, Observation o) {
    AnalysisVerdicts.backgroundRun(s, o).ifPresent(run -> s.retiredRuns.add(run.name()));
    s.clearControllerPause();
    return "Promoted past an inconclusive background analysis: it starts again";
  }

  private static String verdict(AnalysisRunView run) {
    return run.phase().name().toLowerCase(java.util.Locale.ROOT)
        + (run.message() == null ? "" : ": " + run.message());
  }

  private static String ignoreAbort(RolloutState s, Observation o) {
    s.abort = false;
    return "Abort ignored: no update is in progress";
  }

  private static String retry(RolloutState s, Observation o) {
    s.awaitingAcceptanceSince = null;
    s.stepIndex = 0;
    s.abortMessage = null;
    s.clearControllerPause();
    GateVerdicts.forgetAnswers(s);
    return "Retrying revision " + s.updatedRevision + " from step 1";
  }

  private static String promoteFull(RolloutState s, Observation o) {
    s.awaitingAcceptanceSince = null;
    String skipped = o.spec().steps().describe(s.stepIndex);
    s.stepIndex = o.spec().steps().count();
    s.promoteFull = false;
    s.clearControllerPause();
    return "Promoted fully at " + skipped + ": remaining steps skipped";
  }

  private static String ignorePromote(RolloutState s, Observation o) {
    s.promoteFull = false;
    return "Full promotion ignored: no steps remain";
  }

  private static String userPause(RolloutState s, Observation o) {
    return "Paused by user (spec.paused)";
  }

  private static String resume(RolloutState s, Observation o) {
    s.clearControllerPause();
    return "Resumed";
  }

  private static String enterPause(RolloutState s, Observation o) {
    s.controllerPause = true;
    CanarySteps steps = o.spec().steps();
    if (s.pauseCondition(steps.pauseReason()) == null) {
      s.pauseConditions.add(new PauseCondition(steps.pauseReason(), Times.format(o.now())));
    }
    var duration = steps.pauseDuration(s.stepIndex);
    return "Paused at " + steps.describe(s.stepIndex)
        + (duration == null ? ": promote to continue"
            : ": continuing in " + Durations.format(duration));
  }

  static String nextStep(RolloutState s, Observation o) {
    s.awaitingAcceptanceSince = null;
    String done = o.spec().steps().describe(s.stepIndex);
    s.stepIndex++;
    s.clearControllerPause();
    return "Completed " + done;
  }

  private static String promote(RolloutState s, Observation o) {
    s.retiredStable = s.stableRevision;
    s.stableRevision = s.updatedRevision;
    s.rollbackRevision = JudgeGate.guardsAfterPromotion(o) ? s.retiredStable : null;
    GateVerdicts.startPostRelease(s, o, s.stableRevision);
    String swap = "";
    if (o.spec().pingPong()) {
      CanaryServices before = s.canaryServices(o.spec());
      s.stablePingPong = CanaryServices.swapped(s.stablePingPong);
      swap = "; Service " + before.canary() + " is the stable one now, " + before.stable()
          + " carries the next canary";
    }
    int replicas = o.spec().replicas();
    return "Revision " + s.stableRevision + " is stable: " + replicas + "/" + replicas
        + " pods available; previous revision " + s.retiredStable + " scales down in "
        + Durations.format(o.spec().scaleDownDelay()) + swap;
  }

  private static String failedAfterPromotion(RolloutState s, Observation o) {
    AnalysisRunView run = AnalysisVerdicts.failedAfterPromotion(s, o).orElseThrow();
    String promoted = s.stableRevision;
    s.stableRevision = s.rollbackRevision;
    s.rollbackRevision = null;
    s.stepIndex = o.spec().steps().count();
    s.abort = true;
    s.abortMessage = "the judge failed revision " + promoted + " after its promotion (analysis run "
        + run.name() + " " + verdict(run) + ")";
    return "Analysis run " + run.name() + " " + verdict(run) + " after revision " + promoted
        + " was promoted: going back to revision " + s.stableRevision;
  }

  private static String endGuard(RolloutState s, Observation o) {
    String previous = s.rollbackRevision;
    s.rollbackRevision = null;
    return "The judge stops watching revision " + s.stableRevision + ": previous revision "
        + previous + " is scaled down";
  }

  private static String awaitAcceptance(RolloutState s, Observation o) {
    s.awaitingAcceptanceSince = o.now();
    s.clearControllerPause();
    Duration maxWait = JudgeGate.maxWait(o, s.stepIndex);
    return "Waiting for the judge to accept revision " + s.updatedRevision + " at "
        + o.spec().steps().describe(s.stepIndex) + ": " + JudgeGate.needs(JudgeGate.evidence(s, o))
        + (maxWait == null ? "" : "; a person decides after " + Durations.format(maxWait));
  }

  private static String judgeAccepted(RolloutState s, Observation o) {
    String at = o.spec().steps().describe(s.stepIndex);
    boolean accepted = AnalysisVerdicts.judgeAccepted(s, o);
    nextStep(s, o);
    return (accepted ? "The judge accepted revision " + s.updatedRevision
        : "No longer waiting for the judge (the spec does not ask to)") + " at " + at;
  }

  private static String judgeTimedOut(RolloutState s, Observation o) {
    s.controllerPause = true;
    s.pauseConditions.add(
        new PauseCondition(PauseCondition.INCONCLUSIVE_ANALYSIS, Times.format(o.now())));
    String text = JudgeGate.notAccepted(JudgeGate.maxWait(o, s.stepIndex),
        JudgeGate.evidence(s, o));
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String healthy(RolloutState s, Observation o) {
    int replicas = o.spec().replicas();
    return "Healthy: " + replicas + "/" + replicas + " pods of revision "
        + s.stableRevision + " available";
  }

  private static String unavailable(RolloutState s, Observation o) {
    return "Only " + o.available(s.stableRevision) + "/" + o.spec().replicas()
        + " pods of revision "
        + s.stableRevision + " are available";
  }

  private static String stalled(RolloutState s, Observation o) {
    return "No progress for " + Durations.format(o.spec().progressDeadline()) + " at "
        + o.spec().steps().describe(s.stepIndex);
  }

  /** With progressDeadlineAbort: the stall is the abort's reason. */
  private static String stalledAndAborting(RolloutState s, Observation o) {
    s.abort = true;
    s.abortMessage = "progress deadline exceeded at " + o.spec().steps().describe(s.stepIndex);
    return stalled(s, o);
  }

  private static String images(Observation o) {
    return String.join(", ", o.spec().template().getSpec().getContainers().stream()
        .map(c -> c.getName() + "=" + c.getImage()).toList());
  }
}
