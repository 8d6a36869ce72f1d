package dev.ramp.cluster.routing;

/** Why a rollout's traffic router cannot be used: a missing CRD or object. */
public final class RouterProblem extends RuntimeException {
  public RouterProblem(String message) {
    super(message);
  }
}
