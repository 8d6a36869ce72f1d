package dev.ramp.engine;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Instant;

/**
 * What the engine needs to know about one ReplicaSet owned by a rollout.
 *
 * @param replicas the desired count (spec)
 * @param currentReplicas pods that exist (status)
 * @param scaleDownDeadline when set, the time after which the ReplicaSet may go to zero
 */
public record ReplicaSetView(
    String name,
    String hash,
    long revision,
    int replicas,
    int currentReplicas,
    int readyReplicas,
    int availableReplicas,
    Instant scaleDownDeadline,
    PodTemplateSpec template) {}
