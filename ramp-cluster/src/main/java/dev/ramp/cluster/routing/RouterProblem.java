package dev.ramp.cluster.routing;

/** Why a rollout's traffic router cannot be used: a missing CRD or object. */
public final class RouterProblem extends RuntimeException {
  public RouterProblem(String message) {
    super(message);
  }

  /**
   * A fresh baseline's share asked of a router that cannot weigh a third backend (the spec
   * checks refuse such a rollout before it gets here).
   */
  static RouterProblem extraRefused(String router) {
    return new RouterProblem(router + " cannot give a backend beyond the stable and the canary"
        + " (a fresh baseline, an experiment's template) a share of requests: only the Gateway"
        + " API router can (trafficRouting.gatewayAPI)");
  }
}
