package dev.ramp.cluster.routing;

import java.util.List;

/** The canary weight of a router that sets it in several places (objects, mappings). */
final class AgreedWeight {
  private AgreedWeight() {}

  /**
   * The weight all places agree on; when they disagree, the first that differs from the first
   * place's, so that a hand edit of any place but the first shows as a weight other than the one
   * Ramp set, and Ramp sets it again everywhere.
   */
  static int of(List<Integer> weights) {
    for (int weight : weights) {
      if (weight != weights.get(0)) {
        return weight;
      }
    }
    return weights.isEmpty() ? 0 : weights.get(0);
  }
}
