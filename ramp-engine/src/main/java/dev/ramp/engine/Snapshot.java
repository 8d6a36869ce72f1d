package dev.ramp.engine;

import dev.ramp.api.Rollout;
import java.util.List;
import java.util.Map;

/**
 * Everything observed about one rollout at the start of a reconcile.
 *
 * @param services the Services the rollout names that exist, by name (a missing name is absent)
 * @param workload the Deployment of workloadRef, or null when there is none or it is missing
 * @param pods the rollout's pods; only filled in when {@link RolloutEngine#needsPods} says so
 * @param refusal why the API server refused a change made for this rollout just now (a pod
 *     template it finds invalid, say), or null
 */
public record Snapshot(
    Rollout rollout,
    List<ReplicaSetView> replicaSets,
    Map<String, ServiceView> services,
    WorkloadView workload,
    List<PodView> pods,
    String refusal) {

  public Snapshot withRefusal(String message) {
    return new Snapshot(rollout, replicaSets, services, workload, pods, message);
  }
}
