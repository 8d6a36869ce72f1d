package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.ManagedRoute;
import dev.ramp.engine.RouterView.NotInEffect;

/**
 * Apache APISIX: reads the ApisixRoute the spec names, lets the {@link RouteTableEditor} edit
 * its HTTP rules ({@link ApisixRoutes}) and writes it back; its weights count once the APISIX
 * ingress controller reports the route synced ({@link ApisixRouteStatus}).
 */
final class ApisixRouter extends RouteTableRouter {
  private static final RouterKind KIND = RouterKind.APISIX_ROUTE;

  ApisixRouter(RouterObjects objects) {
    super(objects);
  }

  @Override
  RouteTableEditor editor(Rollout rollout) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    return new RouteTableEditor(new ApisixRoutes(canary.trafficRouting.apisix.route.name,
        canary.stableService, canary.canaryService, canary.trafficRouting.apisix.route.rules),
        ManagedRoute.names(canary.trafficRouting.managedRoutes));
  }

  @Override
  NotInEffect status(ObjectNode route) {
    return ApisixRouteStatus.of(route);
  }

  @Override
  ObjectNode object(Rollout rollout) {
    objects.requireCrd(KIND, "Apache APISIX");
    return objects.require(KIND.apiVersion(), KIND.kind(), rollout.getMetadata().getNamespace(),
        rollout.getSpec().strategy.canary.trafficRouting.apisix.route.name);
  }
}
