package dev.ramp.api.analysis;

import java.util.Arrays;

/** Phases of AnalysisRuns, their metrics and their measurements. */
public enum AnalysisPhase {
  Pending,
  Running,
  Successful,
  Inconclusive,
  Error,
  Failed;

  /** Done: the phase will not change any more. */
  public boolean completed() {
    return this != Pending && this != Running;
  }

  /** Of two verdicts, the worse: Failed over Error over Inconclusive over Successful. */
  public AnalysisPhase worse(AnalysisPhase other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  public static AnalysisPhase of(String value) {
    return Arrays.stream(values()).filter(p -> p.name().equals(value)).findFirst()
        .orElse(Pending);
  }
}
