package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GlooRouting;
import dev.ramp.api.routing.ManagedRoute;
import dev.ramp.engine.RouterView.NotInEffect;

/**
 * Gloo Edge: reads the RouteTable the spec names, lets the {@link RouteTableEditor} edit its
 * routes ({@link GlooRoutes}) and writes it back; a RouteTable Gloo rejects stops the step
 * ({@link GlooRouteTableStatus}).
 */
final class GlooRouter extends RouteTableRouter {
  private static final RouterKind KIND = RouterKind.GLOO_ROUTE_TABLE;

  GlooRouter(RouterObjects objects) {
    super(objects);
  }

  @Override
  RouteTableEditor editor(Rollout rollout) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    GlooRouting gloo = canary.trafficRouting.gloo;
    return new RouteTableEditor(new GlooRoutes(gloo.routeTable,
        rollout.getMetadata().getNamespace(), canary.stableService, canary.canaryService,
        gloo.routes), ManagedRoute.names(canary.trafficRouting.managedRoutes));
  }

  @Override
  NotInEffect status(ObjectNode routeTable) {
    return GlooRouteTableStatus.of(routeTable);
  }

  @Override
  ObjectNode object(Rollout rollout) {
    objects.requireCrd(KIND, "Gloo Edge");
    GlooRouting gloo = rollout.getSpec().strategy.canary.trafficRouting.gloo;
    String namespace = gloo.namespace != null ? gloo.namespace
        : rollout.getMetadata().getNamespace();
    return objects.require(KIND.apiVersion(), KIND.kind(), namespace, gloo.routeTable);
  }
}
