package dev.ramp.cli.status;

import dev.ramp.api.Phase;
import dev.ramp.api.Rollout;
import dev.ramp.cli.cluster.StatusView;

/**
 * Where a rollout stands, for a pipeline: done, failed, or not yet. A status the controller wrote
 * for an earlier generation of the spec says nothing about the current one: not yet.
 */
record RolloutProgress(String name, String namespace, String phase, String step, String message,
    Long generation, Long observedGeneration, boolean observed, Outcome outcome) {

  enum Outcome {
    /** Healthy, fully promoted, and the controller has seen the current spec. */
    Complete(0),
    /** Degraded or Aborted. */
    Failed(1),
    /** Progressing or Paused, or the controller has not caught up with the spec yet. */
    InProgress(2);

    final int exitCode;

    Outcome(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  static RolloutProgress of(Rollout rollout) {
    StatusView view = new StatusView(rollout);
    return new RolloutProgress(view.name(), rollout.getMetadata().getNamespace(),
        view.phaseName(), view.stepCount() == 0 ? null : view.stepFraction(), view.message(),
        rollout.getMetadata().getGeneration(), view.status().observedGeneration, view.observed(),
        outcome(view));
  }

  private static Outcome outcome(StatusView view) {
    if (!view.observed()) {
      return Outcome.InProgress;
    }
    Phase phase = view.phase();
    if (phase == Phase.Degraded || phase == Phase.Aborted) {
      return Outcome.Failed;
    }
    return phase == Phase.Healthy && !view.updating() && view.status().stableRevision != null
        ? Outcome.Complete : Outcome.InProgress;
  }

  /** "Paused (step 2/4): Paused at step 2/4 (pause until promoted): promote to continue". */
  String line() {
    if (!observed) {
      return "Waiting for Ramp's controller to observe generation " + generation
          + (observedGeneration == null ? "" : " (the status is of generation "
              + observedGeneration + ")");
    }
    return phase + (step == null ? "" : " (step " + step + ")")
        + (message == null ? "" : ": " + message);
  }
}
