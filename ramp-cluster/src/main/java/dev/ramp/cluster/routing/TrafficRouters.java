package dev.ramp.cluster.routing;

import dev.ramp.api.Rollout;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ClusterObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The traffic routers a rollout's spec names. */
public final class TrafficRouters {
  private TrafficRouters() {}

  /**
   * The rollout's router (all its routers as one, when it names several), or empty when it has
   * no trafficRouting. A router plugin cannot be reached from here.
   */
  public static Optional<TrafficRouter> of(ClusterObjects cluster, Rollout rollout) {
    return of(cluster, RouterPlugins.NONE, rollout);
  }

  /** The rollout's router, reaching router plugins through {@code plugins}. */
  public static Optional<TrafficRouter> of(ClusterObjects cluster, RouterPlugins plugins,
      Rollout rollout) {
    TrafficRouting routing = rollout.getSpec() == null || rollout.getSpec().strategy == null
        || rollout.getSpec().strategy.canary == null ? null
        : rollout.getSpec().strategy.canary.trafficRouting;
    if (routing == null) {
      return Optional.empty();
    }
    RouterObjects objects = new RouterObjects(cluster);
    List<TrafficRouter> routers = new ArrayList<>();
    if (routing.gatewayAPI != null) {
      routers.add(GatewayApiRouter.of(objects, routing.gatewayAPI));
    }
    if (routing.istio != null) {
      routers.add(new IstioRouter(objects));
    }
    if (routing.nginx != null) {
      routers.add(new NginxRouter(objects));
    }
    if (routing.smi != null) {
      routers.add(new SmiRouter(objects));
    }
    if (routing.alb != null) {
      routers.add(new AlbRouter(objects));
    }
    if (routing.skipper != null) {
      routers.add(new SkipperRouter(objects));
    }
    if (routing.apisix != null) {
      routers.add(new ApisixRouter(objects));
    }
    if (routing.gloo != null) {
      routers.add(new GlooRouter(objects));
    }
    if (routing.traefik != null) {
      routers.add(new TraefikRouter(objects));
    }
    if (routing.contour != null) {
      routers.add(new ContourRouter(objects));
    }
    if (routing.ambassador != null) {
      routers.add(new AmbassadorRouter(objects));
    }
    if (routing.plugin != null) {
      routers.add(new PluginRouter(objects, plugins, routing.plugin));
    }
    return routers.isEmpty() ? Optional.empty()
        : Optional.of(routers.size() == 1 ? routers.get(0) : new SeveralRouters(routers));
  }
}
