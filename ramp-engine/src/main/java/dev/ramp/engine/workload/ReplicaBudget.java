package dev.ramp.engine.workload;

import java.util.List;

/**
 * Moves ReplicaSets toward their targets without breaking maxSurge and maxUnavailable: pods are
 * only removed while at least {@code minAvailable} others stay available, and only added while
 * the total stays within a ceiling (replicas + maxSurge, or more where the targets themselves
 * ask for more: see {@link WorkloadPlanner}).
 */
final class ReplicaBudget {
  /** One ReplicaSet, by revision: its current size, available pods and target. */
  record Sizing(String revision, int current, int available, int target) {
    /** Available pods it keeps: pods beyond its size are already on their way out. */
    int keeps() {
      return Math.min(current, available);
    }
  }

  private ReplicaBudget() {}

  /**
   * The sizes to set now, in the order of {@code sizings}. Scale-downs are taken in list order and
   * scale-ups in reverse order, so put the stable ReplicaSet last. Room for scale-ups is counted
   * before any scale-down, so the total stays within the ceiling whichever is applied first.
   */
  static int[] sizes(List<Sizing> sizings, int ceiling, int minAvailable) {
    int[] sizes = sizings.stream().mapToInt(Sizing::current).toArray();
    int room = ceiling - sizings.stream().mapToInt(Sizing::current).sum();
    for (int i = sizings.size() - 1; i >= 0; i--) {
      Sizing s = sizings.get(i);
      if (s.target() > s.current()) {
        int up = Math.min(s.target() - s.current(), Math.max(0, room));
        sizes[i] += up;
        room -= up;
      }
    }
    int spare = sizings.stream().mapToInt(Sizing::keeps).sum() - minAvailable;
    for (int i = 0; i < sizings.size(); i++) {
      Sizing s = sizings.get(i);
      if (s.target() < s.current()) {
        // Pods that are not available can go at no cost; available ones only from the spare.
        int unavailable = s.current() - s.keeps();
        int down = Math.min(s.current() - s.target(), unavailable + Math.max(0, spare));
        spare -= Math.max(0, down - unavailable);
        sizes[i] -= down;
      }
    }
    return sizes;
  }
}
