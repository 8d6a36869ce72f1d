package dev.ramp.sim.scale;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import java.time.Duration;
import java.util.List;

/**
 * The Rollout every benchmark run releases: two pods, and a three-step canary whose steps each
 * end by themselves: {@code setWeight: 50} (one canary pod), {@code pause: 1s}, {@code
 * setWeight: 100} (two canary pods), then the promotion.
 */
final class BenchmarkRollout {
  static final String NAMESPACE = "default";
  static final int REPLICAS = 2;
  static final int STEPS = 3;
  static final Duration PAUSE = Duration.ofSeconds(1);
  /** Canary pods when the first step is done. */
  static final int FIRST_STEP_PODS = 1;

  private BenchmarkRollout() {}

  static Rollout manifest(String name, String image) {
    return Rollout.canary(name, NAMESPACE, REPLICAS, image, List.of(CanaryStep.weight(50),
        CanaryStep.pause(PAUSE.toSeconds() + "s"), CanaryStep.weight(100)));
  }
}
