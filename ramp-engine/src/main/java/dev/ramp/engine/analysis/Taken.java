package dev.ramp.engine.analysis;

import dev.ramp.api.analysis.AnalysisPhase;
import java.util.Map;

/**
 * A measurement as the controller took it, for {@link AnalysisRunPlanner#update}.
 *
 * @param value what the metric's conditions judge (null with an error or a provider's verdict)
 * @param verdict the provider's own verdict (Successful or Failed), or null
 * @param running true while the provider is still measuring (a Job that runs)
 * @param metadata what the provider needs to continue a running measurement
 */
public record Taken(String metric, boolean running, Object value, AnalysisPhase verdict,
    String error, String message, Map<String, String> metadata) {

  public static Taken value(String metric, Object value) {
    return new Taken(metric, false, value, null, null, null, Map.of());
  }

  public static Taken error(String metric, String error) {
    return new Taken(metric, false, null, null, error, null, Map.of());
  }
}
