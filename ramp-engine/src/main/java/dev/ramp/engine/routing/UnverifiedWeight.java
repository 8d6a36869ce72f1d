package dev.ramp.engine.routing;

import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.Observation;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.state.RolloutState;
import java.util.Optional;

/**
 * Says, once, that a router's weight is verified only as far as its objects go: the AWS Load
 * Balancer Controller writes back nowhere Ramp can read without the AWS API whether the load
 * balancer forwards as the Ingress annotation says.
 */
public final class UnverifiedWeight {
  private UnverifiedWeight() {}

  /**
   * The notice, when a rollout routed by AWS ALB is looked at for the first time (no stable
   * revision yet) or for the first time since its spec was fixed.
   *
   * @param before the state as the rollout's status said before this decision
   */
  public static Optional<RolloutEvent> notice(RolloutState before, Observation o) {
    TrafficRouting routing = o.spec() == null || o.spec().canary() == null ? null
        : o.spec().canary().trafficRouting;
    if (routing == null || routing.alb == null
        || (before.stableRevision != null && before.invalidMessage == null)) {
      return Optional.empty();
    }
    AlbRouting alb = routing.alb;
    String prefix = alb.annotationPrefix == null ? "alb.ingress.kubernetes.io"
        : alb.annotationPrefix;
    String action = alb.rootService != null ? alb.rootService
        : o.spec().canary().stableService;
    return Optional.of(RolloutEvent.normal("WeightNotVerifiable", "AWS ALB: Ramp sets the"
        + " canary's weight in the annotation " + prefix + "/actions." + action + " of Ingress "
        + String.join(", ", alb.ingressNames()) + " and reads it back from there; the AWS Load"
        + " Balancer Controller reports nowhere Ramp can read whether the load balancer applied"
        + " it, so the weight cannot be verified with the load balancer itself"));
  }
}
