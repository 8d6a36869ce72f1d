package dev.ramp.engine;

/** A Kubernetes Event to record on the rollout once its status is written. */
public record RolloutEvent(boolean warning, String reason, String message) {
  public static RolloutEvent normal(String reason, String message) {
    return new RolloutEvent(false, reason, message);
  }

  public static RolloutEvent warning(String reason, String message) {
    return new RolloutEvent(true, reason, message);
  }
}
