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
  static RouterProblem baselineRefused(String router) {
    return new RouterProblem(router + " cannot give a fresh baseline a share of requests: only"
        + " the Gateway API router can (trafficRouting.gatewayAPI)");
  }
}
