package dev.ramp.engine;

import dev.ramp.api.analysis.AnalysisPhase;

/**
 * An AnalysisRun owned by the rollout.
 *
 * @param kind what it analyses: a step index ("2") or "background"
 * @param terminated true once Ramp stopped it (it is then never used again)
 * @param canaryWeight the canary weight it was last told of, null when none (or unreadable)
 * @param judge what its compare metrics say about accepting the canary, null when it has none
 */
public record AnalysisRunView(String name, String revision, String kind, AnalysisPhase phase,
    String message, boolean terminated, Integer canaryWeight, JudgeEvidence judge) {}
