package dev.ramp.sim.bench;

/**
 * How one simulated release went, counted from the moment it shipped.
 *
 * @param rolledBack true when the analysis sent every user back to the stable version
 * @param newRequests requests the new version served until it was rolled back or took all the
 *     traffic
 * @param newErrors failed requests among them
 * @param secondsToDecision when the analysis reached its verdict (rolled back, or accepted the
 *     new version), or null when it never did
 * @param secondsToFullPromotion when the new version took all the traffic, or null
 */
record ReleaseOutcome(boolean rolledBack, long newRequests, long newErrors,
    Long secondsToDecision, Long secondsToFullPromotion) {}
