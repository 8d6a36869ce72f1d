package dev.ramp.engine.gates;

import dev.ramp.api.gates.GateStatus;
import java.util.Objects;

/**
 * What a gate or hook answered when the controller asked it just now, for the status record it
 * was asked for.
 */
public record GateAnswer(String name, String point, Integer step, String revision,
    Verdict verdict, String message) {

  /** What the answer means for the rollout. */
  public enum Verdict {
    /** A gate approves; a hook succeeded. */
    YES,
    /** A gate denies; a hook failed. */
    NO,
    /** No answer that decides (unreachable, another status, a Job still running). */
    NOT_YET,
    /** The rollback hook asks to abort the release. */
    ROLLBACK
  }

  public static GateAnswer to(GateStatus record, Verdict verdict, String message) {
    return new GateAnswer(record.name, record.point, record.step, record.revision, verdict,
        message);
  }

  /** True when this answers that record. */
  public boolean answers(GateStatus record) {
    return Objects.equals(name, record.name) && Objects.equals(point, record.point)
        && Objects.equals(step, record.step) && Objects.equals(revision, record.revision);
  }
}
