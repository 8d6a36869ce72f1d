package dev.ramp.engine.canary;

import dev.ramp.engine.spec.EffectiveSpec;

/**
 * What the current step asks of the ReplicaSets.
 *
 * @param canary canary pods wanted
 * @param stable stable pods wanted
 * @param weight traffic percentage the step sets
 * @param weightPods canary pods needed to serve {@code weight}; the weight actually applied
 *     grows with the pods available up to this number
 */
public record CanaryTargets(int canary, int stable, int weight, int weightPods) {

  /**
   * Targets while step {@code stepIndex} runs; past the last step, the promotion targets (the
   * canary at full size, the last weight kept until the canary becomes stable; with pingPong,
   * all the traffic, as the canary's Service is to become the stable one).
   */
  public static CanaryTargets at(int stepIndex, EffectiveSpec spec) {
    int replicas = spec.replicas();
    CanarySteps steps = spec.steps();
    boolean promoting = stepIndex >= steps.count();
    int weightIndex = promoting ? steps.count() - 1 : stepIndex;
    int weight = promoting && spec.pingPong() ? spec.canary().weightTotal()
        : steps.weightAt(weightIndex);
    if (spec.basicCanary()) {
      PodSplit split = PodSplit.of(replicas, promoting ? 100 : weight, spec.maxSurge());
      return new CanaryTargets(split.canary(), split.stable(), weight, split.canary());
    }
    int weightPods = promoting && spec.pingPong() ? replicas
        : steps.canaryReplicasAt(weightIndex, replicas);
    int canary = promoting ? replicas : weightPods;
    int stable = replicas;
    if (spec.dynamicStableScale()) {
      // The stable gives up the pods the canary's weight takes, but never so many that the two
      // together fall below replicas - maxUnavailable (a small setCanaryScale), and it keeps
      // one pod until the canary is promoted, so an abort has somewhere to go.
      int taken = promoting ? replicas : steps.podsFor(weight, replicas);
      int floor = replicas - spec.maxUnavailable() - canary;
      stable = Math.max(Math.min(1, replicas), Math.max(replicas - taken, floor));
    }
    return new CanaryTargets(canary, stable, weight, weightPods);
  }

  /** The weight the available canary pods can serve: never above zero with none available. */
  public int appliedWeight(int canaryAvailable) {
    if (weightPods == 0) {
      return 0;
    }
    return weight * Math.min(canaryAvailable, weightPods) / weightPods;
  }
}
