package dev.ramp.sim.scale;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.Times;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * One rollout's release through the benchmark's steps, as seen from outside the controller: for
 * each step, when its condition was met and when Ramp applied what follows it.
 *
 * <ol>
 *   <li>setWeight 50: the canary's first pod available → the pause begins (status written);
 *   <li>pause 1s: the pause's end → the canary ReplicaSet scaled up for setWeight 100;
 *   <li>setWeight 100: all canary pods available → the canary promoted to stable.
 * </ol>
 *
 * Times are milliseconds of the wall clock, as Ramp writes the pause's start with it.
 */
final class ReleaseTimeline {
  private final String stableRevision;
  private long firstPodAvailable;
  private long pauseBegan;
  private long pauseEnds;
  private long canaryScaledUp;
  private long allPodsAvailable;
  private long promoted;

  ReleaseTimeline(String stableRevision) {
    this.stableRevision = stableRevision;
  }

  synchronized void saw(ReplicaSet rs, long now) {
    var labels = rs.getMetadata().getLabels();
    if (labels == null || stableRevision.equals(labels.get(RampLabels.POD_TEMPLATE_HASH))) {
      return;
    }
    int available = rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0
        : rs.getStatus().getAvailableReplicas();
    int wanted = rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
    if (available >= BenchmarkRollout.FIRST_STEP_PODS && firstPodAvailable == 0) {
      firstPodAvailable = now;
    }
    if (wanted > BenchmarkRollout.FIRST_STEP_PODS && canaryScaledUp == 0) {
      canaryScaledUp = now;
    }
    if (available >= BenchmarkRollout.REPLICAS && allPodsAvailable == 0) {
      allPodsAvailable = now;
    }
  }

  synchronized void saw(Rollout rollout, long now) {
    RolloutStatus status = rollout.getStatus();
    if (status == null || stableRevision.equals(status.updatedRevision)) {
      return;
    }
    if (status.pauseConditions != null && !status.pauseConditions.isEmpty()
        && pauseBegan == 0) {
      pauseBegan = now;
      pauseEnds = Times.parse(status.pauseConditions.get(0).startTime, null).toEpochMilli()
          + BenchmarkRollout.PAUSE.toMillis();
    }
    if (status.stableRevision != null && !stableRevision.equals(status.stableRevision)
        && promoted == 0) {
      promoted = now;
    }
  }

  synchronized boolean isPromoted() {
    return promoted != 0;
  }

  /**
   * For each step seen from start to end, milliseconds from its condition met to the next action
   * applied (a watch that missed a state leaves its step out, and the count short).
   */
  synchronized List<Long> stepLatencies() {
    List<Long> latencies = new ArrayList<>();
    long[][] steps = {{firstPodAvailable, pauseBegan}, {pauseEnds, canaryScaledUp},
        {allPodsAvailable, promoted}};
    for (long[] step : steps) {
      if (step[0] != 0 && step[1] != 0) {
        latencies.add(step[1] - step[0]);
      }
    }
    return latencies;
  }
}
