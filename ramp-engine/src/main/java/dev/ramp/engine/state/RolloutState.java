package dev.ramp.engine.state;

import dev.ramp.api.CanaryServices;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.Phase;
import dev.ramp.api.RolloutCondition;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.Copies;
import dev.ramp.engine.Times;
import dev.ramp.engine.spec.EffectiveSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rollout's control state while one decision is made: read from the status, changed only by
 * the transitions of {@link RolloutStateMachine}, written back into the new status.
 */
public final class RolloutState {
  public Phase phase;
  public int stepIndex;
  public String stableRevision;
  public String updatedRevision;
  public boolean abort;
  public boolean promoteFull;
  public boolean controllerPause;
  public List<PauseCondition> pauseConditions;
  /** The strategy the steps so far were taken from ("canary", "blueGreen"), null at first. */
  public String strategy;
  /**
   * With pingPong: which of the two Services is the stable one ("ping", "pong"; null until the
   * status records it, which means ping). A promotion swaps it in the status write that makes
   * the canary stable, so the two never disagree, whenever the controller stops.
   */
  public String stablePingPong;
  /** Why the rollout was aborted, kept while it stays aborted. */
  public String abortMessage;
  /** The problems of an invalid spec as reported, or null when the spec is valid. */
  public String invalidMessage;
  /** Since when the canary holds for the judge's acceptance; null when it does not. */
  public Instant awaitingAcceptanceSince;
  /**
   * After a full promotion watched by the judge: the revision it replaced, to go back to while
   * its ReplicaSet is up; null otherwise.
   */
  public String rollbackRevision;
  /** What the gates and hooks answered (status.gates), copies the transitions change. */
  public List<GateStatus> gates;
  /** Last time the rollout made progress; the progress deadline counts from here. */
  public Instant lastProgress;
  /** Set when a transition counted as progress during this decision. */
  public boolean progressed;
  /** The stable revision replaced by a promotion during this decision (not persisted). */
  public String retiredStable;
  /** Analysis runs to stop and replace during this decision (not persisted). */
  public final Set<String> retiredRuns = new HashSet<>();

  static RolloutState from(RolloutStatus status, Instant now) {
    RolloutState state = new RolloutState();
    RolloutStatus s = status == null ? new RolloutStatus() : status;
    state.phase = Phase.of(s.phase);
    state.stepIndex = s.currentStepIndex == null ? 0 : Math.max(0, s.currentStepIndex);
    state.stableRevision = s.stableRevision;
    state.updatedRevision = s.updatedRevision;
    state.abort = Boolean.TRUE.equals(s.abort);
    state.promoteFull = Boolean.TRUE.equals(s.promoteFull);
    state.controllerPause = Boolean.TRUE.equals(s.controllerPause);
    state.stablePingPong = s.canary == null ? null : s.canary.stablePingPong;
    state.awaitingAcceptanceSince = s.canary == null || s.canary.awaitingAcceptanceSince == null
        ? null : Times.parse(s.canary.awaitingAcceptanceSince, now);
    state.rollbackRevision = s.canary == null ? null : s.canary.rollbackRevision;
    state.strategy = s.blueGreen != null ? "blueGreen" : s.canary != null ? "canary" : null;
    state.gates = new ArrayList<>(s.gates == null ? List.of()
        : s.gates.stream().map(Copies::of).toList());
    state.pauseConditions = s.pauseConditions == null
        ? new ArrayList<>() : new ArrayList<>(s.pauseConditions);
    RolloutCondition invalid = condition(s, RolloutCondition.INVALID_SPEC);
    // The condition's status says whether the spec was reported invalid; its message, written
    // for people, only which problems were (a tool may trim it or drop it).
    state.invalidMessage = invalid == null || !"True".equals(invalid.status) ? null
        : Objects.requireNonNullElse(invalid.message, "");
    RolloutCondition progressing = condition(s, RolloutCondition.PROGRESSING);
    state.lastProgress = Times.parse(progressing == null ? null : progressing.lastUpdateTime, now);
    if (state.phase == Phase.Aborted) {
      state.abortMessage = s.abortMessage;
    }
    return state;
  }

  private static RolloutCondition condition(RolloutStatus status, String type) {
    return status.conditions == null ? null : status.conditions.stream()
        .filter(c -> type.equals(c.type)).findFirst().orElse(null);
  }

  /** True while a revision other than the stable one is being rolled out (or was aborted). */
  public boolean updating() {
    return updatedRevision != null && !updatedRevision.equals(stableRevision);
  }

  /** The canary's stable and canary Services, in the roles this state gives a ping-pong pair. */
  public CanaryServices canaryServices(EffectiveSpec spec) {
    return CanaryServices.of(spec.canary(), stablePingPong);
  }

  public PauseCondition pauseCondition(String reason) {
    return pauseConditions.stream().filter(p -> reason.equals(p.reason)).findFirst().orElse(null);
  }

  void clearControllerPause() {
    controllerPause = false;
    pauseConditions.clear();
  }
}
