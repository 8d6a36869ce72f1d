package dev.ramp.engine.spec;

import dev.ramp.api.Rollout;
import dev.ramp.engine.Times;
import java.time.Instant;
import java.util.Comparator;

/**
 * Which of two Rollouts whose selectors overlap keeps its pods, the other being refused: the one
 * that already runs (has a stable revision), so that a newcomer never stops a running service;
 * then the older; then, as creation times have whole seconds and two can tie, by name.
 */
public final class RolloutSeniority {
  /** Senior first. */
  public static final Comparator<Rollout> ORDER = Comparator
      .comparing((Rollout rollout) -> !runs(rollout))
      .thenComparing(rollout -> Times.parse(rollout.getMetadata().getCreationTimestamp(),
          Instant.MAX))
      .thenComparing(rollout -> rollout.getMetadata().getName());

  private RolloutSeniority() {}

  private static boolean runs(Rollout rollout) {
    return rollout.getStatus() != null && rollout.getStatus().stableRevision != null;
  }
}
