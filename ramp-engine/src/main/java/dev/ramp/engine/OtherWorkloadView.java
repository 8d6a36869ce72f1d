package dev.ramp.engine;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/**
 * Another workload in the rollout's namespace whose pods the rollout must not select: a Rollout
 * created before it, or a Deployment with pods that is not its workloadRef.
 *
 * @param kind Rollout or Deployment
 * @param podLabels the labels of its pod template
 */
public record OtherWorkloadView(String kind, String name, LabelSelector selector,
    Map<String, String> podLabels) {}
