package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.ManagedRoute;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.RouterView.NotInEffect;

/**
 * Gateway API: reads the one HTTPRoute, GRPCRoute or TCPRoute the spec names, lets the
 * {@link RouteTableEditor} edit its rules ({@link GatewayApiRoutes}) and writes it back; its
 * weights count once the route's parents accept it ({@link GatewayApiRouteStatus}).
 */
final class GatewayApiRouter extends RouteTableRouter {
  private final RouterKind kind;
  private final String routeName;

  private GatewayApiRouter(RouterObjects objects, RouterKind kind, String routeName) {
    super(objects);
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
  RouteTableEditor editor(Rollout rollout) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    return new RouteTableEditor(new GatewayApiRoutes(kind, routeName,
        RouterCapabilities.of(canary.trafficRouting.gatewayAPI), canary.stableService,
        canary.canaryService, canary.trafficRouting.gatewayAPI.rules),
        ManagedRoute.names(canary.trafficRouting.managedRoutes));
  }

  @Override
  NotInEffect status(ObjectNode route) {
    return GatewayApiRouteStatus.of(kind, route);
  }

  @Override
  ObjectNode object(Rollout rollout) {
    // TCPRoute is only in the Gateway API's experimental channel, so say where to find it
    objects.requireCrd(kind, kind == RouterKind.TCP_ROUTE ? "Gateway API (experimental channel)"
        : "Gateway API");
    GatewayApiRouting routing = rollout.getSpec().strategy.canary.trafficRouting.gatewayAPI;
    String namespace = routing.namespace != null ? routing.namespace
        : rollout.getMetadata().getNamespace();
    return objects.require(kind.apiVersion(), kind.kind(), namespace, routeName);
  }
}
