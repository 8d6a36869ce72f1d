package dev.ramp.engine.state;

/** Something observed that may move a rollout from one phase to another. */
public enum Trigger {
  /** The spec fails validation. */
  SPEC_INVALID,
  /** A previously invalid spec passes validation again. */
  SPEC_FIXED,
  /** The first revision, or the stable ReplicaSet is gone: the template becomes stable. */
  INITIAL_REVISION,
  /** The template changed to a revision that is not the stable one. */
  NEW_REVISION,
  /** The template changed back to the stable revision. */
  BACK_TO_STABLE,
  /** {@code status.abort} was set while an update runs. */
  ABORT,
  /** The strategy changed (canary, blue-green) while an update runs: its steps start over. */
  STRATEGY_CHANGED,
  /** {@code status.abort} was set with nothing to abort. */
  ABORT_IGNORED,
  /** {@code status.abort} was cleared on an aborted rollout. */
  RETRY,
  /** {@code status.promoteFull} was set while steps remain. */
  PROMOTE_FULL,
  /** {@code status.promoteFull} was set with nothing to promote. */
  PROMOTE_IGNORED,
  /** {@code spec.paused} became true. */
  USER_PAUSE,
  /** {@code spec.paused} became false. */
  USER_RESUME,
  /** The current step is a pause. */
  PAUSE_STEP,
  /**
   * The pause of the current step is over: its time passed or a person promoted (also past an
   * inconclusive analysis step).
   */
  PAUSE_ENDED,
  /** An analysis run of the rollout failed or errored: the update is aborted. */
  ANALYSIS_FAILED,
  /** The current step's Experiment failed, errored or was inconclusive: the update is aborted. */
  EXPERIMENT_FAILED,
  /** An analysis run of the rollout ended inconclusive: a person decides. */
  ANALYSIS_INCONCLUSIVE,
  /** A person promoted past an inconclusive background analysis: it starts over. */
  ANALYSIS_RESUMED,
  /**
   * The current step is done, but what comes next needs the judge's acceptance (full
   * promotion, or an awaitAcceptance step): the canary holds its weight.
   */
  AWAITING_ACCEPTANCE,
  /** The judge accepted the canary the rollout holds for: the next step follows. */
  JUDGE_ACCEPTED,
  /** The hold for the judge lasted longer than maxWait: a person decides. */
  JUDGE_TIMED_OUT,
  /** A person promoted a rollout paused because the judge had not accepted in time. */
  JUDGE_WAIVED,
  /** After full promotion the judge failed the release: back to the previous revision. */
  FAILED_AFTER_PROMOTION,
  /** The previous stable revision is scaled down: the judge no longer watches the promotion. */
  GUARD_ENDED,
  /** The rollout reached a gate: it asks it, holding the traffic where it is. */
  GATE_REACHED,
  /** The gate the rollout waits at said yes: the next step follows. */
  GATE_APPROVED,
  /** The gate the rollout waits at said no: the update is aborted. */
  GATE_DENIED,
  /** The gate gave no yes within its timeout: the update is aborted. */
  GATE_TIMED_OUT,
  /** The rollout reached a pre-release hook: it is called. */
  HOOK_STARTED,
  /** The pre-release hook succeeded: the next step follows. */
  HOOK_SUCCEEDED,
  /** The pre-release hook failed: the update is aborted before any traffic moves. */
  HOOK_FAILED,
  /** The rollback hook asked to roll back the release: the update is aborted. */
  ROLLBACK_REQUESTED,
  /** A post-release hook succeeded. */
  POST_RELEASE_SUCCEEDED,
  /** A post-release hook failed: a Warning Event, nothing else changes. */
  POST_RELEASE_FAILED,
  /** The current step's ReplicaSets have the replicas it asks for, available. */
  STEP_COMPLETED,
  /** After the last step the canary is fully available: it becomes the stable revision. */
  CANARY_PROMOTED,
  /** All pods of the stable revision became available. */
  BECAME_HEALTHY,
  /** Pods of a healthy rollout stopped being available. */
  LOST_AVAILABILITY,
  /** No progress for progressDeadlineSeconds. */
  DEADLINE_EXCEEDED,
  /** No progress for progressDeadlineSeconds with progressDeadlineAbort: the update is aborted. */
  DEADLINE_ABORT,
  /** Pods became available again after the deadline passed. */
  PROGRESS_RESUMED
}
