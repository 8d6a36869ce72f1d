package dev.ramp.cluster.routing;

import dev.ramp.engine.RouterView;
import java.util.List;
import java.util.Set;

/** What a router says that sets the canary's weight in several places (objects, mappings). */
final class AgreedWeight {
  private AgreedWeight() {}

  /**
   * The weight counts only while every place says the same (a hand edit of any of them shows as
   * a disagreement, and Ramp sets the weight again everywhere); the largest share any place
   * gives the canary stands for all.
   */
  static RouterView view(List<Integer> weights, Set<String> routes) {
    int largest = weights.stream().mapToInt(Integer::intValue).max().orElse(0);
    boolean agreed = weights.stream().allMatch(weight -> weight == largest);
    return new RouterView(largest, null, null, routes, agreed);
  }
}
