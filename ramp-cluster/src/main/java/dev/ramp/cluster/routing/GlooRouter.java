package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GlooRouting;
import dev.ramp.api.routing.ManagedRoute;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;

/**
 * Gloo Edge: reads the RouteTable the spec names, lets the {@link RouteTableEditor} edit its
 * routes ({@link GlooRoutes}) and writes it back.
 */
final class GlooRouter implements TrafficRouter {
  private static final RouterKind KIND = RouterKind.GLOO_ROUTE_TABLE;

  private final RouterObjects objects;

  GlooRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    ObjectNode table = table(rollout);
    return new RouterView(editor(rollout).weight(table), null, null,
        RouteTableEditor.managedRoutes(table));
  }

  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    ObjectNode table = table(rollout);
    if (editor(rollout).apply(table, changes)) {
      objects.update(table);
    }
  }

  private static RouteTableEditor editor(Rollout rollout) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    GlooRouting gloo = canary.trafficRouting.gloo;
    return new RouteTableEditor(new GlooRoutes(gloo.routeTable,
        rollout.getMetadata().getNamespace(), canary.stableService, canary.canaryService,
        gloo.routes), ManagedRoute.names(canary.trafficRouting.managedRoutes));
  }

  private ObjectNode table(Rollout rollout) {
    objects.requireCrd(KIND, "Gloo Edge");
    GlooRouting gloo = rollout.getSpec().strategy.canary.trafficRouting.gloo;
    String namespace = gloo.namespace != null ? gloo.namespace
        : rollout.getMetadata().getNamespace();
    return objects.require(KIND.apiVersion(), KIND.kind(), namespace, gloo.routeTable);
  }
}
