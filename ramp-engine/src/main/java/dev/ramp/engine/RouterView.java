package dev.ramp.engine;

import java.util.Set;

/**
 * What the traffic router's objects say now; with several routers, what they say together.
 *
 * @param canaryWeight the canary's share of requests, in percent (with routers that disagree,
 *     the largest share any of them gives it)
 * @param stableHash the revision the stable subset selects (routers that pin revisions), or null
 * @param canaryHash the revision the canary subset selects, or null
 * @param routes the names of the header and mirror routes Ramp manages there (in any of them)
 * @param agreed false when several routers do not all say the same: then no weight or route
 *     counts as in effect until they do
 */
public record RouterView(int canaryWeight, String stableHash, String canaryHash,
    Set<String> routes, boolean agreed) {

  /** What one router says. */
  public RouterView(int canaryWeight, String stableHash, String canaryHash, Set<String> routes) {
    this(canaryWeight, stableHash, canaryHash, routes, true);
  }
}
