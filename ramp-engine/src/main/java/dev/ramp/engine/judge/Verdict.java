package dev.ramp.engine.judge;

/**
 * A judge's conclusion after the batches so far.
 *
 * @param decision what to do with the canary
 * @param eValue the regression e-value E; regression once it reaches 1/α (may be +∞)
 * @param ratioEstimate the most likely ratio of the canary's event rate to stable's, NaN before
 *     any batch with events and traffic on both sides
 * @param ratioLower the lower end of the confidence sequence (0 when nothing is excluded below)
 * @param ratioUpper the upper end of the confidence sequence (+∞ when nothing is excluded above)
 * @param canaryRequests canary requests seen so far
 * @param moreRequestsNeeded while undecided, roughly how many more canary requests a decision
 *     needs at the current estimate; -1 when that cannot be told yet; 0 once decided
 * @param message the above for people
 */
public record Verdict(Decision decision, double eValue, double ratioEstimate, double ratioLower,
    double ratioUpper, long canaryRequests, long moreRequestsNeeded, String message) {}
