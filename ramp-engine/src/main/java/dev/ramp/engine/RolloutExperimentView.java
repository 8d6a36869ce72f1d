package dev.ramp.engine;

import dev.ramp.api.analysis.AnalysisPhase;

/**
 * An Experiment owned by the rollout, made for an experiment step.
 *
 * @param revision the revision being rolled out when it was made
 * @param step the index of its experiment step
 * @param phase its phase (Pending until it has one)
 * @param terminated true once Ramp ended it (it is then never used again)
 */
public record RolloutExperimentView(String name, String revision, int step, AnalysisPhase phase,
    String message, boolean terminated) {}
