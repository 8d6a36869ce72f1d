package dev.ramp.engine.gates;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.Observation;
import dev.ramp.engine.state.RolloutState;

/** What the status message says while a release waits for a gate or a hook. */
public final class GateMessages {
  private GateMessages() {}

  /**
   * "Waiting for gate change-freeze at step 1/4 (...): not before 18:00", or null when the
   * rollout is not at a gate or hook step.
   */
  public static String waiting(RolloutState s, Observation o) {
    if (!s.updating() || s.stepIndex >= o.spec().steps().count()) {
      return null;
    }
    CanaryStep step = o.spec().steps().at(s.stepIndex);
    if (step.gate == null) {
      return null;
    }
    GatePoint point = o.spec().steps().point(s.stepIndex);
    GateStatus record = GateRecords.find(s.gates, step.gate.name, point, s.stepIndex,
        s.updatedRevision).orElse(null);
    String why = record == null || record.message == null || record.message.isBlank()
        ? "asking" : record.message;
    return (point.hook() ? "Running " + point.describe(step.gate.name)
        : "Waiting for gate " + step.gate.name) + " at "
        + o.spec().steps().describe(s.stepIndex) + ": " + why;
  }
}
