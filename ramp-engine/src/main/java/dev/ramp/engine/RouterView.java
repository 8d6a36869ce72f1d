package dev.ramp.engine;

import java.util.Map;
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
 * @param notInEffect why what the objects say does not steer requests yet, as the router's own
 *     status reports it; null when it does (or the router reports nothing)
 * @param extraWeights the backends beyond the stable and the canary that Ramp added (a fresh
 *     baseline's Service, an experiment template's), Service name to its share of requests in
 *     percent; none with routers that cannot carry one
 */
public record RouterView(int canaryWeight, String stableHash, String canaryHash,
    Set<String> routes, boolean agreed, NotInEffect notInEffect,
    Map<String, Integer> extraWeights) {

  /** What routers say that carry no backend beyond the stable and the canary. */
  public RouterView(int canaryWeight, String stableHash, String canaryHash, Set<String> routes,
      boolean agreed, NotInEffect notInEffect) {
    this(canaryWeight, stableHash, canaryHash, routes, agreed, notInEffect, Map.of());
  }

  /** What one router says that reports no status of its own. */
  public RouterView(int canaryWeight, String stableHash, String canaryHash, Set<String> routes) {
    this(canaryWeight, stableHash, canaryHash, routes, true, null);
  }

  /** What routers say that report no status of their own. */
  public RouterView(int canaryWeight, String stableHash, String canaryHash, Set<String> routes,
      boolean agreed) {
    this(canaryWeight, stableHash, canaryHash, routes, agreed, null);
  }

  /** This view, with what the router's own status says about it. */
  public RouterView reporting(NotInEffect why) {
    return new RouterView(canaryWeight, stableHash, canaryHash, routes, agreed, why,
        extraWeights);
  }

  /** This view, with the shares of the backends Ramp added beyond the stable and the canary. */
  public RouterView withExtraWeights(Map<String, Integer> weights) {
    return new RouterView(canaryWeight, stableHash, canaryHash, routes, agreed, notInEffect,
        Map.copyOf(weights));
  }

  /** The share of requests (percent) Ramp gives the Service as an extra backend; 0 if none. */
  public int extraWeight(String service) {
    return service == null ? 0 : extraWeights.getOrDefault(service, 0);
  }

  /**
   * Why the router's objects are not in effect.
   *
   * @param reason how far the router is from taking them up
   * @param message what the router says, naming the object and who reports it
   */
  public record NotInEffect(Reason reason, String message) {

    /** How far the router is from taking its objects up, least pressing first. */
    public enum Reason {
      /**
       * It reports on an older generation of an object: it has not taken up a write yet, which
       * takes it a moment after each of Ramp's writes. The step waits without saying so, or
       * the rollout's status would change twice for every write Ramp makes.
       */
      CATCHING_UP,
      /** It has not reported on an object at all (it may not be running): said in the status. */
      UNANSWERED,
      /** It rejects an object: said in the status and a Warning Event, as someone has to act. */
      REFUSED
    }

    public boolean refused() {
      return reason == Reason.REFUSED;
    }

    /** True when the rollout's status says why the step waits. */
    public boolean shown() {
      return reason != Reason.CATCHING_UP;
    }

    /** The more pressing of two reasons; null when both are. */
    public static NotInEffect first(NotInEffect a, NotInEffect b) {
      return a == null || (b != null && b.reason.compareTo(a.reason) > 0) ? b : a;
    }
  }
}
