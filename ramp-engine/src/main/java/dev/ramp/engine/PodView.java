package dev.ramp.engine;

import java.time.Instant;

/** A pod of the rollout, only needed while a restart is under way. */
public record PodView(
    String name, String hash, Instant created, boolean ready, boolean terminating) {}
