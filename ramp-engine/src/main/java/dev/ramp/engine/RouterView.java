package dev.ramp.engine;

import java.util.Set;

/**
 * What the traffic router's objects say now.
 *
 * @param canaryWeight the canary's share of requests, in percent
 * @param stableHash the revision the stable subset selects (routers that pin revisions), or null
 * @param canaryHash the revision the canary subset selects, or null
 * @param routes the names of the header and mirror routes Ramp manages there
 */
public record RouterView(int canaryWeight, String stableHash, String canaryHash,
    Set<String> routes) {}
