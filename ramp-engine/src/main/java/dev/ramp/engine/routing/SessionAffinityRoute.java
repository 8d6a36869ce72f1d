package dev.ramp.engine.routing;

import dev.ramp.api.routing.SessionAffinity;
import dev.ramp.engine.Action;
import dev.ramp.engine.Observation;
import dev.ramp.engine.state.RolloutState;

/**
 * The session affinity a router must keep: while the canary has a share of the requests, none
 * before and none after promotion or abort. It is named after the canary's revision, which is
 * also the cookie's value, so a user the canary of an earlier update served is not taken for one
 * of this canary's users.
 */
public final class SessionAffinityRoute {
  private static final String PREFIX = "session-affinity-";

  private SessionAffinityRoute() {}

  /** The affinity wanted now, or null when none is. */
  static Action.SetSessionAffinity wanted(RolloutState s, Observation o, boolean active,
      int weight) {
    SessionAffinity affinity = o.spec().canary().sessionAffinity;
    if (affinity == null || !active || weight <= 0) {
      return null;
    }
    return new Action.SetSessionAffinity(name(s.updatedRevision), affinity.cookieName,
        s.updatedRevision, affinity.maxAgeSeconds());
  }

  /**
   * The name of the affinity for the canary {@code revision} (the cookie's value), as a router
   * reports it while all of it is in place.
   */
  public static String name(String revision) {
    return PREFIX + revision;
  }
}
