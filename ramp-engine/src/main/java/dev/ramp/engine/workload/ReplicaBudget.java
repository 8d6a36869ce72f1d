package dev.ramp.engine.workload;

import java.util.List;

/**
 * Moves ReplicaSets toward their targets without breaking maxSurge and maxUnavailable: pods are
 * only removed while enough others stay available, and (when pods are being replaced) only added
 * while the total stays within the surge.
 */
final class ReplicaBudget {
  /** One ReplicaSet, by revision: its current size, available pods and target. */
  record Sizing(String revision, int current, int available, int target) {}

  private ReplicaBudget() {}

  /**
   * The sizes to set now, in the order of {@code sizings}. Scale-downs are taken in list order and
   * scale-ups in reverse order, so put the stable ReplicaSet last.
   *
   * @param surgeLimited whether scale-ups must keep the total within replicas + maxSurge
   */
  static int[] sizes(
      List<Sizing> sizings, int replicas, int maxSurge, int maxUnavailable, boolean surgeLimited) {
    int[] sizes = sizings.stream().mapToInt(Sizing::current).toArray();
    int room = replicas + maxSurge - sizings.stream().mapToInt(Sizing::current).sum();
    for (int i = sizings.size() - 1; i >= 0; i--) {
      Sizing s = sizings.get(i);
      if (s.target() > s.current()) {
        int up = surgeLimited ? Math.min(s.target() - s.current(), Math.max(0, room)) : s.target()
            - s.current();
        sizes[i] += up;
        room -= up;
      }
    }
    int spare = sizings.stream().mapToInt(Sizing::available).sum() - (replicas - maxUnavailable);
    for (int i = 0; i < sizings.size(); i++) {
      Sizing s = sizings.get(i);
      if (s.target() < s.current()) {
        // Pods that are not available can go at no cost; available ones only from the spare.
        int unavailable = Math.max(0, s.current() - s.available());
        int down = Math.min(s.current() - s.target(), unavailable + Math.max(0, spare));
        spare -= Math.max(0, down - unavailable);
        sizes[i] -= down;
      }
    }
    return sizes;
  }
}
