package dev.ramp.api;

import java.util.Arrays;

/** The rollout phases reported in {@code status.phase}. */
public enum Phase {
  Progressing,
  Paused,
  Healthy,
  Degraded,
  Aborted;

  /** The phase named by a status value, or null when absent or unknown. */
  public static Phase of(String value) {
    return Arrays.stream(values()).filter(p -> p.name().equals(value)).findFirst().orElse(null);
  }
}
