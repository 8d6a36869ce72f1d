package dev.ramp.engine;

/**
 * A ReplicaSet in the rollout's namespace whose pods the rollout's selector selects, but that the
 * rollout does not own: left behind by a Deployment or an Argo Rollout deleted with orphan
 * propagation, say, or run by another controller.
 *
 * @param replicaSet what it runs; its hash is null when it has no rollouts-pod-template-hash
 *     label, and its revision is the one Ramp's annotation gives, or 0
 * @param controller its controlling owner as a person reads it ({@code Rollout "web" of
 *     argoproj.io/v1alpha1}), or null when it has none
 */
public record StrayReplicaSetView(ReplicaSetView replicaSet, String controller) {}
