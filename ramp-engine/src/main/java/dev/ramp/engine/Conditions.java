package dev.ramp.engine;

import dev.ramp.api.RolloutCondition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Sets rollout conditions the Kubernetes way: the transition time moves only on a change. */
public final class Conditions {
  private Conditions() {}

  /**
   * Sets condition {@code type}. {@code updated} is its lastUpdateTime; null means "now if
   * anything about it changed".
   */
  public static void set(List<RolloutCondition> conditions, String type, boolean status, String reason,
      String message, Instant now, Instant updated) {
    set(conditions, type, status ? "True" : "False", reason, message, now, updated);
  }

  static void set(List<RolloutCondition> conditions, String type, String status, String reason,
      String message, Instant now, Instant updated) {
    RolloutCondition condition = find(conditions, type);
    if (condition == null) {
      condition = new RolloutCondition();
      condition.type = type;
      conditions.add(condition);
    }
    boolean changed = !status.equals(condition.status) || !reason.equals(condition.reason)
        || !Objects.equals(message, condition.message);
    if (!status.equals(condition.status)) {
      condition.lastTransitionTime = Times.format(now);
    }
    if (updated != null) {
      condition.lastUpdateTime = Times.format(updated);
    } else if (changed) {
      condition.lastUpdateTime = Times.format(now);
    }
    condition.status = status;
    condition.reason = reason;
    condition.message = message;
  }

  public static void remove(List<RolloutCondition> conditions, String type) {
    conditions.removeIf(c -> type.equals(c.type));
  }

  public static RolloutCondition find(List<RolloutCondition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElse(null);
  }
}
