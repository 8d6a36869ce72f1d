package dev.ramp.engine;

/**
 * A Service named by the rollout.
 *
 * @param pinnedHash the pod-template-hash its selector is pinned to, or null when not pinned
 */
public record ServiceView(String name, String pinnedHash) {}
