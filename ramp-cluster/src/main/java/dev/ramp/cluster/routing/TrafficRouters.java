package dev.ramp.cluster.routing;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ClusterObjects;
import java.util.Optional;

/** The traffic router a rollout's spec names. */
public final class TrafficRouters {
  private TrafficRouters() {}

  /** The rollout's router, or empty when it has no trafficRouting. */
  public static Optional<TrafficRouter> of(ClusterObjects cluster, Rollout rollout) {
    TrafficRouting routing = rollout.getSpec() == null || rollout.getSpec().strategy == null
        || rollout.getSpec().strategy.canary == null ? null
        : rollout.getSpec().strategy.canary.trafficRouting;
    if (routing == null) {
      return Optional.empty();
    }
    RouterObjects objects = new RouterObjects(cluster);
    if (routing.gatewayAPI != null) {
      return Optional.of(GatewayApiRouter.of(objects, routing.gatewayAPI));
    }
    if (routing.istio != null) {
      return Optional.of(new IstioRouter(objects));
    }
    if (routing.traefik != null) {
      return Optional.of(new TraefikRouter(objects));
    }
    if (routing.contour != null) {
      return Optional.of(new ContourRouter(objects));
    }
    if (routing.ambassador != null) {
      return Optional.of(new AmbassadorRouter(objects));
    }
    if (routing.nginx != null) {
      return Optional.of(new NginxRouter(objects));
    }
    return routing.smi != null ? Optional.of(new SmiRouter(objects)) : Optional.empty();
  }
}
