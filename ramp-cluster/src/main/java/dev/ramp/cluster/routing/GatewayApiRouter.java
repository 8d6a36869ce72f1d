package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.ManagedRoute;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;

/**
 * Gateway API: reads the one HTTPRoute, GRPCRoute or TCPRoute the spec names, lets the
 * {@link RouteTableEditor} edit its rules ({@link GatewayApiRoutes}) and writes it back.
 */
final class GatewayApiRouter implements TrafficRouter {
  private final RouterObjects objects;
  private final RouterKind kind;
  private final String routeName;

  private GatewayApiRouter(RouterObjects objects, RouterKind kind, String routeName) {
    this.objects = objects;
    this.kind = kind;
    this.routeName = routeName;
  }

  /** The router of the one route the spec names. */
  static GatewayApiRouter of(RouterObjects objects, GatewayApiRouting routing) {
    if (routing.grpcRoute != null) {
      return new GatewayApiRouter(objects, RouterKind.GRPC_ROUTE, routing.grpcRoute);
    }
    if (routing.tcpRoute != null) {
      return new GatewayApiRouter(objects, RouterKind.TCP_ROUTE, routing.tcpRoute);
    }
    return new GatewayApiRouter(objects, RouterKind.HTTP_ROUTE, routing.httpRoute);
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

  private RouteTableEditor editor(Rollout rollout) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    return new RouteTableEditor(new GatewayApiRoutes(kind, routeName,
        RouterCapabilities.of(canary.trafficRouting.gatewayAPI), canary.stableService,
        canary.canaryService, canary.trafficRouting.gatewayAPI.rules),
        ManagedRoute.names(canary.trafficRouting.managedRoutes));
  }

  private ObjectNode route(Rollout rollout) {
    // TCPRoute is only in the Gateway API's experimental channel, so say where to find it
    objects.requireCrd(kind, kind == RouterKind.TCP_ROUTE ? "Gateway API (experimental channel)"
        : "Gateway API");
    GatewayApiRouting routing = rollout.getSpec().strategy.canary.trafficRouting.gatewayAPI;
    String namespace = routing.namespace != null ? routing.namespace
        : rollout.getMetadata().getNamespace();
    return objects.require(kind.apiVersion(), kind.kind(), namespace, routeName);
  }
}
