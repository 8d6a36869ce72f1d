package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.ManagedRoute;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;

/**
 * Apache APISIX: reads the ApisixRoute the spec names, lets the {@link RouteTableEditor} edit
 * its HTTP rules ({@link ApisixRoutes}) and writes it back.
 */
final class ApisixRouter implements TrafficRouter {
  private static final RouterKind KIND = RouterKind.APISIX_ROUTE;

  private final RouterObjects objects;

  ApisixRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    ObjectNode route = route(rollout);
    return new RouterView(editor(rollout).weight(route), null, null,
        RouteTableEditor.managedRoutes(route));
  }

  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    ObjectNode route = route(rollout);
    if (editor(rollout).apply(route, changes)) {
      objects.update(route);
    }
  }

  private static RouteTableEditor editor(Rollout rollout) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    return new RouteTableEditor(new ApisixRoutes(canary.trafficRouting.apisix.route.name,
        canary.stableService, canary.canaryService, canary.trafficRouting.apisix.route.rules),
        ManagedRoute.names(canary.trafficRouting.managedRoutes));
  }

  private ObjectNode route(Rollout rollout) {
    objects.requireCrd(KIND, "Apache APISIX");
    return objects.require(KIND.apiVersion(), KIND.kind(), rollout.getMetadata().getNamespace(),
        rollout.getSpec().strategy.canary.trafficRouting.apisix.route.name);
  }
}
