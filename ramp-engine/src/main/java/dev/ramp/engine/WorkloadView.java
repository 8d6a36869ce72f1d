package dev.ramp.engine;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** The Deployment a rollout's workloadRef points at. */
public record WorkloadView(
    String name, int replicas, LabelSelector selector, PodTemplateSpec template) {}
