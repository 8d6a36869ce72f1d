package dev.ramp.engine.canary;

import java.util.ArrayList;
import java.util.List;

/**
 * A canary without a traffic router gets its weight as a share of the pods: the canary and
 * stable sizes whose split comes closest to the weight, rounded as Argo Rollouts rounds them.
 * The two add up to replicas, or to replicas + 1 when maxSurge allows a pod more and that comes
 * closer (10% of 5 replicas: 1 canary + 5 stable, 17%, rather than 1 + 4, 20%). For a weight
 * between 1 and 99 neither side gets zero pods, unless there is a single replica and no surge;
 * at 100 the stable gets none.
 *
 * @param canary canary pods
 * @param stable stable pods
 */
public record PodSplit(int canary, int stable) {

  public static PodSplit of(int replicas, int weight, int maxSurge) {
    if (replicas == 0) {
      return new PodSplit(0, 0);
    }
    int ceil = (replicas * weight + 99) / 100;
    int floor = replicas * weight / 100;
    boolean zeroAllowed = weight == 0 || weight == 100 || (replicas == 1 && maxSurge == 0);
    List<PodSplit> options = new ArrayList<>();
    if (ceil < replicas || zeroAllowed) {
      options.add(new PodSplit(ceil, replicas - ceil));
    }
    if (!tied(weight, replicas) && (floor != 0 || zeroAllowed)) {
      options.add(new PodSplit(floor, replicas - floor));
    }
    if (maxSurge > 0) {
      options.add(new PodSplit(ceil, replicas + 1 - ceil));
      if (!tied(weight, replicas + 1) && (floor != 0 || zeroAllowed)) {
        options.add(new PodSplit(floor, replicas + 1 - floor));
      }
    }
    if (options.isEmpty()) {
      // A tie where rounding up would leave the stable no pod (75% of 2 replicas, no surge):
      // round down. (Argo Rollouts gives the canary no pod at all here.)
      return new PodSplit(floor, replicas - floor);
    }
    PodSplit best = options.get(0);
    for (PodSplit option : options) {
      if (option.closerTo(weight, best)) {
        best = option;
      }
    }
    return best;
  }

  /** True when rounding up and down land equally far from the weight: then up is taken. */
  private static boolean tied(int weight, int total) {
    return total * weight % 100 == 50;
  }

  /** True when this split's canary share is strictly closer to {@code weight} than other's. */
  private boolean closerTo(int weight, PodSplit other) {
    long total = canary + stable;
    long otherTotal = other.canary + other.stable;
    // |100c/t - w| < |100c'/t' - w|, multiplied out by t * t'
    return Math.abs(100L * canary - weight * total) * otherTotal
        < Math.abs(100L * other.canary - weight * otherTotal) * total;
  }
}
