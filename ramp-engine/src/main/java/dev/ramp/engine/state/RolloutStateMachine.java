package dev.ramp.engine.state;

import static dev.ramp.api.Phase.Aborted;
import static dev.ramp.api.Phase.Degraded;
import static dev.ramp.api.Phase.Healthy;
import static dev.ramp.api.Phase.Paused;
import static dev.ramp.api.Phase.Progressing;

import dev.ramp.api.PauseCondition;
import dev.ramp.api.Phase;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Observation;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.Times;
import dev.ramp.engine.spec.Durations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rollout state machine: every phase change Ramp makes is one row of {@link #TABLE}. A row
 * says in which phases a trigger is accepted, the phase it leads to (null: the phase stays), the
 * change it makes to the control state, and the Event that reports it.
 */
public final class RolloutStateMachine {
  private static final Set<Phase> ANY = EnumSet.allOf(Phase.class);
  private static final Set<Phase> NOT_ABORTED = EnumSet.complementOf(EnumSet.of(Aborted));
  private static final Set<Phase> RUNNING = EnumSet.of(Progressing, Degraded);
  private static final Set<Phase> UPDATING = EnumSet.of(Progressing, Paused, Degraded);

  /** Applies a transition's change to the state and says, for the Event, what happened. */
  @FunctionalInterface
  interface Effect {
    String apply(RolloutState s, Observation o);
  }

  record Transition(
      Set<Phase> from, Trigger trigger, Phase to, Effect effect, boolean warning, String reason) {}

  private static final List<Transition> TABLE = List.of(
      row(ANY, Trigger.SPEC_INVALID, Degraded, RolloutStateMachine::markInvalid, true,
          "InvalidSpec"),
      row(ANY, Trigger.SPEC_FIXED, Progressing, RolloutStateMachine::clearInvalid, false,
          "SpecFixed"),
      row(ANY, Trigger.INITIAL_REVISION, Progressing, RolloutStateMachine::adoptAsStable, false,
          "RolloutUpdated"),
      row(ANY, Trigger.NEW_REVISION, Progressing, RolloutStateMachine::startSteps, false,
          "RolloutUpdated"),
      row(ANY, Trigger.BACK_TO_STABLE, Progressing, RolloutStateMachine::backToStable, false,
          "RolloutUpdated"),
      row(UPDATING, Trigger.ABORT, Aborted, RolloutStateMachine::abort, true,
          "RolloutAborted"),
      row(UPDATING, Trigger.STRATEGY_CHANGED, Progressing, RolloutStateMachine::restartSteps,
          false, "StrategyChanged"),
      row(NOT_ABORTED, Trigger.ABORT_IGNORED, null, RolloutStateMachine::ignoreAbort, true,
          "NothingToAbort"),
      row(EnumSet.of(Aborted), Trigger.RETRY, Progressing, RolloutStateMachine::retry, false,
          "RolloutRetried"),
      row(UPDATING, Trigger.ANALYSIS_FAILED, null, RolloutStateMachine::analysisFailed, true,
          "AnalysisRunFailed"),
      row(RUNNING, Trigger.ANALYSIS_INCONCLUSIVE, Paused,
          RolloutStateMachine::analysisInconclusive, true, "AnalysisRunInconclusive"),
      row(EnumSet.of(Paused), Trigger.ANALYSIS_RESUMED, Progressing,
          RolloutStateMachine::restartBackgroundAnalysis, false, "RolloutResumed"),
      row(UPDATING, Trigger.PROMOTE_FULL, Progressing, RolloutStateMachine::promoteFull, false,
          "RolloutPromoted"),
      row(NOT_ABORTED, Trigger.PROMOTE_IGNORED, null, RolloutStateMachine::ignorePromote, true,
          "NothingToPromote"),
      row(NOT_ABORTED, Trigger.USER_PAUSE, Paused, RolloutStateMachine::userPause, false,
          "RolloutPaused"),
      row(EnumSet.of(Paused), Trigger.USER_RESUME, Progressing, RolloutStateMachine::resume,
          false, "RolloutResumed"),
      row(RUNNING, Trigger.PAUSE_STEP, Paused, RolloutStateMachine::enterPause, false,
          "RolloutPaused"),
      row(UPDATING, Trigger.PAUSE_ENDED, Progressing, RolloutStateMachine::nextStep, false,
          "RolloutStepCompleted"),
      row(RUNNING, Trigger.STEP_COMPLETED, Progressing, RolloutStateMachine::nextStep, false,
          "RolloutStepCompleted"),
      row(RUNNING, Trigger.CANARY_PROMOTED, Healthy, RolloutStateMachine::promote, false,
          "RolloutCompleted"),
      row(RUNNING, Trigger.BECAME_HEALTHY, Healthy, RolloutStateMachine::healthy, false,
          "RolloutHealthy"),
      row(EnumSet.of(Healthy), Trigger.LOST_AVAILABILITY, Progressing,
          RolloutStateMachine::unavailable, true, "RolloutUnavailable"),
      row(EnumSet.of(Progressing), Trigger.DEADLINE_EXCEEDED, Degraded,
          RolloutStateMachine::stalled, true, "ProgressDeadlineExceeded"),
      row(EnumSet.of(Degraded), Trigger.PROGRESS_RESUMED, Progressing,
          (s, o) -> "Pods became available again: progress resumed", false, "RolloutProgressing"));

  private RolloutStateMachine() {}

  /**
   * Reads the control state from {@code status}, fires transitions until none applies, and
   * returns the Events they produced. The state is left in {@code state}.
   */
  public static List<RolloutEvent> run(RolloutState s, Observation o) {
    List<RolloutEvent> events = new ArrayList<>();
    int limit = 2 * (o.invalid() ? 0 : o.steps().count()) + 20;
    for (int i = 0; i < limit; i++) {
      Trigger trigger = Triggers.next(s, o);
      Transition transition = trigger == null ? null : find(s.phase, trigger);
      if (transition == null) {
        break;
      }
      String message = transition.effect().apply(s, o);
      if (transition.to() != null) {
        if (transition.to() == Progressing || transition.to() == Paused) {
          s.lastProgress = o.now();
          s.progressed = true;
        }
        s.phase = transition.to();
      }
      events.add(new RolloutEvent(transition.warning(), transition.reason(), message));
    }
    return events;
  }

  /** The control state stored in {@code status}, as the machine starts from it. */
  public static RolloutState initialState(RolloutStatus status, Instant now) {
    RolloutState state = RolloutState.from(status, now);
    if (state.phase == null) {
      state.phase = Progressing;
    }
    return state;
  }

  /** When, if nothing else happens, a timer of the machine fires (pause end, deadline). */
  public static Instant nextTimer(RolloutState s, Observation o) {
    if (o.invalid()) {
      return null;
    }
    Instant pauseEnd = Triggers.pauseEnd(s, o);
    if (s.phase == Paused && pauseEnd != null && !o.userPaused()) {
      return pauseEnd;
    }
    return s.phase == Progressing ? Triggers.deadline(s, o) : null;
  }

  private static Transition find(Phase phase, Trigger trigger) {
    return TABLE.stream()
        .filter(t -> t.trigger() == trigger && t.from().contains(phase))
        .findFirst()
        .orElse(null);
  }

  private static Transition row(
      Set<Phase> from, Trigger trigger, Phase to, Effect effect, boolean warning, String reason) {
    return new Transition(from, trigger, to, effect, warning, reason);
  }

  // The effects, in the order of the table.

  private static String markInvalid(RolloutState s, Observation o) {
    s.invalidMessage = String.join("; ", o.problems());
    return "Invalid spec: " + s.invalidMessage + ". Nothing is changed until it is fixed.";
  }

  private static String clearInvalid(RolloutState s, Observation o) {
    s.invalidMessage = null;
    return "The spec is valid again";
  }

  private static String adoptAsStable(RolloutState s, Observation o) {
    String previous = s.stableRevision;
    s.stableRevision = o.hash();
    s.updatedRevision = o.hash();
    s.stepIndex = o.steps().count();
    s.abort = false;
    s.promoteFull = false;
    s.clearControllerPause();
    return previous == null
        ? "First revision " + o.hash() + ": scaling to " + o.replicas() + " pods, no steps on a"
            + " first deploy"
        : "Stable ReplicaSet of revision " + previous + " is gone: revision " + o.hash()
            + " becomes stable without steps";
  }

  private static String startSteps(RolloutState s, Observation o) {
    s.updatedRevision = o.hash();
    s.stepIndex = 0;
    s.abort = false;
    s.promoteFull = false;
    s.abortMessage = null;
    s.clearControllerPause();
    return "New revision " + o.hash() + " (" + images(o) + "): running "
        + o.steps().count() + " steps against stable revision " + s.stableRevision;
  }

  private static String backToStable(RolloutState s, Observation o) {
    String abandoned = s.updatedRevision;
    s.updatedRevision = s.stableRevision;
    s.stepIndex = o.steps().count();
    s.abort = false;
    s.promoteFull = false;
    s.abortMessage = null;
    s.clearControllerPause();
    return "Template is back to stable revision " + s.stableRevision + ": steps skipped, revision "
        + abandoned + " scaled down";
  }

  private static String abort(RolloutState s, Observation o) {
    if (s.abortMessage == null) {
      s.abortMessage = "aborted on request at " + o.steps().describe(s.stepIndex);
    }
    s.clearControllerPause();
    s.abortMessage = "Rollout aborted: " + s.abortMessage + ". All traffic and replicas are back on"
        + " stable revision " + s.stableRevision;
    return s.abortMessage;
  }

  private static String restartSteps(RolloutState s, Observation o) {
    s.strategy = o.strategyName();
    s.stepIndex = 0;
    s.clearControllerPause();
    return "Strategy changed to " + s.strategy + ": revision " + s.updatedRevision
        + " starts its steps again (" + o.steps().describe(0) + ")";
  }

  private static String analysisFailed(RolloutState s, Observation o) {
    AnalysisRunView run = AnalysisVerdicts.failed(s, o).orElseThrow();
    s.abort = true;
    s.abortMessage = "analysis run " + run.name() + " " + verdict(run);
    return "Analysis run " + run.name() + " " + verdict(run);
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
    s.stepIndex = 0;
    s.abortMessage = null;
    s.clearControllerPause();
    return "Retrying revision " + s.updatedRevision + " from step 1";
  }

  private static String promoteFull(RolloutState s, Observation o) {
    String skipped = o.steps().describe(s.stepIndex);
    s.stepIndex = o.steps().count();
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
    if (s.pauseCondition(o.steps().pauseReason()) == null) {
      s.pauseConditions.add(new PauseCondition(o.steps().pauseReason(), Times.format(o.now())));
    }
    var duration = o.steps().pauseDuration(s.stepIndex);
    return "Paused at " + o.steps().describe(s.stepIndex)
        + (duration == null ? ": promote to continue"
            : ": continuing in " + Durations.format(duration));
  }

  private static String nextStep(RolloutState s, Observation o) {
    String done = o.steps().describe(s.stepIndex);
    s.stepIndex++;
    s.clearControllerPause();
    return "Completed " + done;
  }

  private static String promote(RolloutState s, Observation o) {
    s.retiredStable = s.stableRevision;
    s.stableRevision = s.updatedRevision;
    return "Revision " + s.stableRevision + " is stable: " + o.replicas() + "/" + o.replicas()
        + " pods available; previous revision " + s.retiredStable + " scales down in "
        + Durations.format(o.scaleDownDelay());
  }

  private static String healthy(RolloutState s, Observation o) {
    return "Healthy: " + o.replicas() + "/" + o.replicas() + " pods of revision "
        + s.stableRevision + " available";
  }

  private static String unavailable(RolloutState s, Observation o) {
    return "Only " + o.available(s.stableRevision) + "/" + o.replicas() + " pods of revision "
        + s.stableRevision + " are available";
  }

  private static String stalled(RolloutState s, Observation o) {
    String message = "No progress for " + Durations.format(o.progressDeadline()) + " at "
        + o.steps().describe(s.stepIndex);
    if (o.progressDeadlineAbort() && s.updating()) {
      s.abort = true;
      s.abortMessage = "progress deadline exceeded at " + o.steps().describe(s.stepIndex);
    }
    return message;
  }

  private static String images(Observation o) {
    return String.join(", ", o.template().getSpec().getContainers().stream()
        .map(c -> c.getName() + "=" + c.getImage()).toList());
  }
}
