package dev.ramp.engine.state;

import static dev.ramp.api.gates.GateStatus.APPROVED;
import static dev.ramp.api.gates.GateStatus.DENIED;
import static dev.ramp.api.gates.GateStatus.FAILED;
import static dev.ramp.api.gates.GateStatus.RUNNING;
import static dev.ramp.api.gates.GateStatus.SUCCEEDED;
import static dev.ramp.api.gates.GateStatus.WAITING;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Phase;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.api.gates.Hook;
import dev.ramp.engine.Observation;
import dev.ramp.engine.Times;
import dev.ramp.engine.gates.GateAnswer;
import dev.ramp.engine.gates.GateAnswer.Verdict;
import dev.ramp.engine.gates.GatePoint;
import dev.ramp.engine.gates.GateRecords;
import dev.ramp.engine.gates.GateTargets;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gates and hooks as {@link RolloutStateMachine} sees them: the records in the state (from
 * {@code status.gates}) and the answers the controller got for this decision.
 */
final class GateVerdicts {
  private GateVerdicts() {}

  /** What the gate or hook step the rollout is at leads to, or null while it waits. */
  static Trigger stepTrigger(RolloutState s, Observation o) {
    GatePoint point = point(s, o);
    GateStatus record = current(s, o).orElse(null);
    if (record == null) {
      return point.hook() ? Trigger.HOOK_STARTED : Trigger.GATE_REACHED;
    }
    if (!record.pending()) {
      return null; // denied or failed: the abort it caused is under way
    }
    Instant end = timeoutAt(s, o);
    if (end != null && !o.now().isBefore(end)) {
      return Trigger.GATE_TIMED_OUT; // a yes that comes later is too late
    }
    Verdict verdict = o.answer(record).map(GateAnswer::verdict).orElse(Verdict.NOT_YET);
    if (verdict == Verdict.YES) {
      return point.hook() ? Trigger.HOOK_SUCCEEDED : Trigger.GATE_APPROVED;
    }
    return verdict == Verdict.NO ? (point.hook() ? Trigger.HOOK_FAILED : Trigger.GATE_DENIED)
        : null;
  }

  /** True while the rollout waits at a gate or hook step: no progress deadline meanwhile. */
  static boolean waiting(RolloutState s, Observation o) {
    return atGateStep(s, o) && current(s, o).map(GateStatus::pending).orElse(true);
  }

  /** When the gate the rollout waits at times out, or null. */
  static Instant timeoutAt(RolloutState s, Observation o) {
    if (!atGateStep(s, o) || point(s, o).hook()) {
      return null;
    }
    return current(s, o).filter(GateStatus::pending).flatMap(record ->
            GateTargets.of(o.rollout().getSpec(), record)
                .map(GateTargets.Target::timeout)
                .map(timeout -> Times.parse(record.since, o.now()).plus(timeout)))
        .orElse(null);
  }

  /** The rollback hook's answer when it asks to abort the release running now. */
  static Optional<GateAnswer> rollbackAsked(RolloutState s, Observation o) {
    if (!s.updating() || s.phase == Phase.Aborted) {
      return Optional.empty();
    }
    return GateRecords.find(s.gates, null, GatePoint.ROLLBACK, null, s.updatedRevision)
        .flatMap(o::answer).filter(a -> a.verdict() == Verdict.ROLLBACK);
  }

  /** A post-release hook that answered, with its record. */
  static Optional<GateStatus> postReleaseAnswered(RolloutState s, Observation o) {
    return s.gates.stream()
        .filter(r -> GatePoint.POST_RELEASE.field().equals(r.point) && r.pending())
        .filter(r -> o.answer(r).map(a -> a.verdict() != Verdict.NOT_YET).orElse(false))
        .findFirst();
  }

  static boolean postReleaseSucceeded(RolloutState s, Observation o) {
    return postReleaseAnswered(s, o).flatMap(o::answer)
        .map(a -> a.verdict() == Verdict.YES).orElse(false);
  }

  /**
   * Bookkeeping before the machine runs: when each pending record was asked and what it said
   * (a "not yet" changes no phase, so it is no transition and gives no Event), and the rollback
   * hook's record while a release runs.
   */
  static void absorb(RolloutState s, Observation o) {
    for (GateStatus record : s.gates) {
      if (record.pending()) {
        o.answer(record).ifPresent(answer -> {
          record.lastAsked = Times.format(o.now());
          record.message = answer.message();
        });
      }
    }
    boolean releasing = s.updating() && s.phase != Phase.Aborted;
    if (releasing && GateTargets.hooks(o.rollout().getSpec()).rollback != null
        && GateRecords.find(s.gates, null, GatePoint.ROLLBACK, null, s.updatedRevision)
            .isEmpty()) {
      s.gates.add(new GateStatus(null, GatePoint.ROLLBACK.field(), null, s.updatedRevision,
          WAITING, Times.format(o.now())));
    }
  }

  // Effects, for the table.

  static String reach(RolloutState s, Observation o) {
    String name = step(s, o).gate.name;
    GatePoint point = point(s, o);
    s.gates.add(new GateStatus(name, point.field(), s.stepIndex, s.updatedRevision,
        point.hook() ? RUNNING : WAITING, Times.format(o.now())));
    if (point.hook()) {
      return "Running " + point.describe(name) + " for revision " + s.updatedRevision;
    }
    Duration timeout = GateTargets.of(o.rollout().getSpec(), current(s, o).orElseThrow())
        .map(GateTargets.Target::timeout).orElse(null);
    return "Waiting for gate " + name + " at " + o.spec().steps().describe(s.stepIndex)
        + ": no traffic moves until it says yes"
        + (timeout == null ? "" : "; aborting if it has not within "
            + Durations.format(timeout));
  }

  static String approve(RolloutState s, Observation o) {
    GateStatus record = answered(s, o, APPROVED);
    String at = o.spec().steps().describe(s.stepIndex);
    RolloutStateMachine.nextStep(s, o);
    return "Gate " + record.name + " approved revision " + s.updatedRevision + " at " + at
        + said(record);
  }

  static String deny(RolloutState s, Observation o) {
    GateStatus record = answered(s, o, DENIED);
    s.abort = true;
    s.abortMessage = "gate " + record.name + " denied revision " + s.updatedRevision
        + said(record);
    return "Gate " + record.name + " denied revision " + s.updatedRevision + " at "
        + o.spec().steps().describe(s.stepIndex) + said(record);
  }

  static String timeOut(RolloutState s, Observation o) {
    GateStatus record = current(s, o).orElseThrow();
    Duration timeout = GateTargets.of(o.rollout().getSpec(), record).orElseThrow().timeout();
    String last = record.message == null ? "" : " (last answer: " + record.message + ")";
    record.phase = DENIED;
    record.message = "no yes within " + Durations.format(timeout) + last;
    s.abort = true;
    s.abortMessage = "gate " + record.name + " gave no yes within "
        + Durations.format(timeout) + last;
    return "Gate " + record.name + " gave no yes within " + Durations.format(timeout) + " at "
        + o.spec().steps().describe(s.stepIndex) + last;
  }

  static String hookSucceeded(RolloutState s, Observation o) {
    GateStatus record = answered(s, o, SUCCEEDED);
    RolloutStateMachine.nextStep(s, o);
    return "Pre-release hook " + record.name + " succeeded for revision " + s.updatedRevision
        + said(record);
  }

  static String hookFailed(RolloutState s, Observation o) {
    GateStatus record = answered(s, o, FAILED);
    s.abort = true;
    s.abortMessage = "pre-release hook " + record.name + " failed" + said(record);
    return "Pre-release hook " + record.name + " failed for revision " + s.updatedRevision
        + said(record) + ": the release stops before any traffic moves";
  }

  static String rollback(RolloutState s, Observation o) {
    GateAnswer answer = rollbackAsked(s, o).orElseThrow();
    GateRecords.find(s.gates, null, GatePoint.ROLLBACK, null, s.updatedRevision)
        .ifPresent(record -> {
          record.phase = DENIED;
          record.message = answer.message();
        });
    s.abort = true;
    s.abortMessage = "the rollback hook asked to roll back: " + answer.message();
    return "The rollback hook asked to roll back revision " + s.updatedRevision + ": "
        + answer.message();
  }

  static String postReleaseDone(RolloutState s, Observation o) {
    GateStatus record = postReleaseAnswered(s, o).orElseThrow();
    boolean succeeded = o.answer(record).orElseThrow().verdict() == Verdict.YES;
    record.phase = succeeded ? SUCCEEDED : FAILED;
    record.message = o.answer(record).orElseThrow().message();
    return "Post-release hook " + record.name + (succeeded ? " succeeded" : " failed")
        + " for revision " + record.revision + said(record);
  }

  /** Records the post-release hooks of a revision that completed or was aborted, once. */
  static void startPostRelease(RolloutState s, Observation o, String revision) {
    List<Hook> hooks = GateTargets.hooks(o.rollout().getSpec()).postRelease;
    for (Hook hook : hooks == null ? List.<Hook>of() : hooks) {
      if (GateRecords.find(s.gates, hook.name, GatePoint.POST_RELEASE, null, revision)
          .isEmpty()) {
        s.gates.add(new GateStatus(hook.name, GatePoint.POST_RELEASE.field(), null, revision,
            RUNNING, Times.format(o.now())));
      }
    }
  }

  /**
   * A release starts (again): what the gates answered before is forgotten; the post-release
   * hooks still running, and those of the stable revision, stay.
   */
  static void forgetAnswers(RolloutState s) {
    s.gates.removeIf(r -> !(GatePoint.POST_RELEASE.field().equals(r.point)
        && (r.pending() || r.revision.equals(s.stableRevision))));
  }

  private static GateStatus answered(RolloutState s, Observation o, String phase) {
    GateStatus record = current(s, o).orElseThrow();
    record.phase = phase;
    record.message = o.answer(record).map(GateAnswer::message).orElse(record.message);
    return record;
  }

  private static String said(GateStatus record) {
    return record.message == null || record.message.isBlank() ? "" : ": " + record.message;
  }

  private static boolean atGateStep(RolloutState s, Observation o) {
    return s.updating() && s.stepIndex < o.spec().steps().count() && step(s, o).gate != null;
  }

  private static Optional<GateStatus> current(RolloutState s, Observation o) {
    return GateRecords.find(s.gates, step(s, o).gate.name, point(s, o), s.stepIndex,
        s.updatedRevision);
  }

  private static GatePoint point(RolloutState s, Observation o) {
    return o.spec().steps().point(s.stepIndex);
  }

  private static CanaryStep step(RolloutState s, Observation o) {
    return o.spec().steps().at(s.stepIndex);
  }
}
