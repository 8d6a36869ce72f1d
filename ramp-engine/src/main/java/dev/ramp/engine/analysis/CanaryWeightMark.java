package dev.ramp.engine.analysis;

import dev.ramp.api.RampLabels;
import dev.ramp.api.analysis.AnalysisRun;
import java.util.Map;

/**
 * The canary weight a rollout last told its AnalysisRun of ({@link RampLabels#CANARY_WEIGHT}).
 */
public final class CanaryWeightMark {
  private CanaryWeightMark() {}

  /** The weight, or null when the run carries none or one that is not a percentage. */
  public static Integer of(AnalysisRun run) {
    Map<String, String> annotations = run.getMetadata() == null ? null
        : run.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(RampLabels.CANARY_WEIGHT);
    if (value == null) {
      return null;
    }
    try {
      int weight = Integer.parseInt(value.trim());
      return weight >= 0 && weight <= 100 ? weight : null;
    } catch (NumberFormatException e) {
      return null; // edited by hand: the regular schedule still closes the batches
    }
  }
}
