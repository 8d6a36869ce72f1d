package dev.ramp.engine.gates;

import dev.ramp.api.Phase;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.Times;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of the records in {@code status.gates} the controller asks now, and when next: the
 * pending ones of the step the rollout is at, the rollback hook while a release runs, and the
 * post-release hooks until they answered. The controller and the engine both read it here, so
 * that the engine wakes the controller when an answer is due.
 */
public final class GateRecords {
  private GateRecords() {}

  /** The records to ask now. */
  public static List<GateStatus> due(RolloutSpec spec, RolloutStatus status, Instant now) {
    return asked(spec, status).stream()
        .filter(r -> !dueAt(spec, r, now).isAfter(now)).toList();
  }

  /** When the next record is due, or null when none is asked. */
  public static Instant nextAsk(RolloutSpec spec, RolloutStatus status, Instant now) {
    return asked(spec, status).stream().map(r -> dueAt(spec, r, now))
        .min(Instant::compareTo).orElse(null);
  }

  /** The record of a gate or hook for a step (null: none) and revision. */
  public static Optional<GateStatus> find(List<GateStatus> records, String name, GatePoint point,
      Integer step, String revision) {
    return records.stream().filter(r -> Objects.equals(name, r.name)
        && point.field().equals(r.point) && Objects.equals(step, r.step)
        && Objects.equals(revision, r.revision)).findFirst();
  }

  private static List<GateStatus> asked(RolloutSpec spec, RolloutStatus status) {
    if (status == null || status.gates == null) {
      return List.of();
    }
    return status.gates.stream()
        .filter(r -> r.pending() && relevant(status, r)
            && GateTargets.of(spec, r).isPresent())
        .toList();
  }

  private static boolean relevant(RolloutStatus status, GateStatus record) {
    if (GatePoint.POST_RELEASE.field().equals(record.point)) {
      return true;
    }
    boolean releasing = status.updatedRevision != null
        && !status.updatedRevision.equals(status.stableRevision)
        && !Phase.Aborted.name().equals(status.phase)
        && record.revision != null && record.revision.equals(status.updatedRevision);
    return releasing && (GatePoint.ROLLBACK.field().equals(record.point)
        || Objects.equals(record.step, status.currentStepIndex));
  }

  private static Instant dueAt(RolloutSpec spec, GateStatus record, Instant now) {
    if (record.lastAsked == null) {
      return now;
    }
    return Times.parse(record.lastAsked, now)
        .plus(GateTargets.of(spec, record).orElseThrow().interval());
  }
}
