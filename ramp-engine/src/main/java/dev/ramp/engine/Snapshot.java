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
 */
public record Snapshot(
    Rollout rollout,
    List<ReplicaSetView> replicaSets,
    Map<String, ServiceView> services,
    WorkloadView workload,
    List<PodView> pods) {}
