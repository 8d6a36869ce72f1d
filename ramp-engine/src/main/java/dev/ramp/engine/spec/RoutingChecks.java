package dev.ramp.engine.spec;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.TrafficRouting;
import java.util.List;

/**
 * Checks of a canary's traffic routing: one router, the Services it needs, and steps it can
 * carry out. A step a router cannot do is refused here, naming the router, never ignored.
 */
final class RoutingChecks {
  private static final String AT = "spec.strategy.canary";

  private RoutingChecks() {}

  static void check(CanaryStrategy canary, List<String> problems) {
    TrafficRouting routing = canary.trafficRouting;
    List<CanaryStep> steps = canary.steps == null ? List.of() : canary.steps;
    if (routing == null) {
      for (int i = 0; i < steps.size(); i++) {
        CanaryStep step = steps.get(i);
        if (step != null && (step.setHeaderRoute != null || step.setMirrorRoute != null)) {
          problems.add(AT + ".steps[" + i + "]: header and mirror routes need a traffic router"
              + " (" + AT + ".trafficRouting)");
        } else if (step != null && step.setCanaryScale != null) {
          problems.add(AT + ".steps[" + i + "]: setCanaryScale needs a traffic router ("
              + AT + ".trafficRouting): without one the canary's share of the pods is its"
              + " weight, so use setWeight");
        }
      }
      return;
    }
    Router router = Router.of(routing);
    if (router == null) {
      problems.add(AT + ".trafficRouting must set exactly one of gatewayAPI, istio, nginx, smi");
      return;
    }
    if (routing.gatewayAPI != null && gatewayRoutes(routing.gatewayAPI) != 1) {
      problems.add(AT + ".trafficRouting.gatewayAPI must set exactly one of httpRoute, grpcRoute,"
          + " tcpRoute");
      return;
    }
    boolean subsets = routing.istio != null && routing.istio.destinationRule != null;
    if (!subsets && (canary.stableService == null || canary.canaryService == null)) {
      problems.add(AT + ": " + router.label + " routing needs stableService and canaryService");
    }
    int headerRoutes = 0;
    for (int i = 0; i < steps.size(); i++) {
      CanaryStep step = steps.get(i);
      String at = AT + ".steps[" + i + "]";
      if (step == null) {
        continue;
      }
      if ((step.setHeaderRoute != null || step.setMirrorRoute != null)
          && weighsOnlyTcpOrTls(routing)) {
        problems.add(at + ": Istio header and mirror routes are HTTP routes, and this rollout"
            + " weighs only TCP/TLS routes (name its HTTP routes in"
            + " trafficRouting.istio.virtualService.routes)");
      }
      if (step.setMirrorRoute != null && !router.mirrors) {
        problems.add(at + ": " + router.label + " cannot mirror traffic (setMirrorRoute)");
      }
      List<HeaderMatch> matches = step.setHeaderRoute != null ? step.setHeaderRoute.match
          : step.setMirrorRoute != null ? step.setMirrorRoute.match : null;
      if (step.setHeaderRoute != null) {
        headerRoutes++;
        if (!router.headerRoutes) {
          problems.add(at + ": " + router.label + " cannot route by header (setHeaderRoute)");
        } else if (router == Router.NGINX && matches != null && matches.size() > 1) {
          problems.add(at + ": NGINX Ingress routes by one header only");
        }
      }
      checkMatches(matches, router, at, problems);
    }
    if (router == Router.NGINX && distinctHeaderRoutes(steps) > 1) {
      problems.add(AT + ": NGINX Ingress has one canary Ingress, so one header route at a time");
    }
  }

  private static boolean weighsOnlyTcpOrTls(TrafficRouting routing) {
    return routing.istio != null && routing.istio.virtualService != null
        && !routing.istio.virtualService.weighsHttpRoutes();
  }

  private static void checkMatches(List<HeaderMatch> matches, Router router, String at,
      List<String> problems) {
    for (HeaderMatch match : matches == null ? List.<HeaderMatch>of() : matches) {
      HeaderMatch.Value value = match.headerValue;
      int kinds = value == null ? 0 : (value.exact != null ? 1 : 0)
          + (value.prefix != null ? 1 : 0) + (value.regex != null ? 1 : 0);
      if (kinds != 1) {
        problems.add(at + ": header " + match.headerName
            + " must match exactly one of exact, prefix, regex");
      } else if (value.prefix != null && !router.prefixMatches) {
        problems.add(at + ": " + router.label + " cannot match a header by prefix (use regex)");
      }
    }
  }

  private static int gatewayRoutes(GatewayApiRouting gateway) {
    return (gateway.httpRoute != null ? 1 : 0) + (gateway.grpcRoute != null ? 1 : 0)
        + (gateway.tcpRoute != null ? 1 : 0);
  }

  private static long distinctHeaderRoutes(List<CanaryStep> steps) {
    return steps.stream().filter(s -> s != null && s.setHeaderRoute != null)
        .map(s -> s.setHeaderRoute.name).distinct().count();
  }

  /** What each router can do. */
  private enum Router {
    GATEWAY_API("Gateway API", true, true, false),
    // a TCPRoute forwards connections: no headers to match, no requests to mirror
    GATEWAY_API_TCP("Gateway API TCPRoute", false, false, false),
    ISTIO("Istio", true, true, true),
    NGINX("NGINX Ingress", false, true, false),
    SMI("SMI", false, false, false);

    final String label;
    final boolean mirrors;
    final boolean headerRoutes;
    final boolean prefixMatches;

    Router(String label, boolean mirrors, boolean headerRoutes, boolean prefixMatches) {
      this.label = label;
      this.mirrors = mirrors;
      this.headerRoutes = headerRoutes;
      this.prefixMatches = prefixMatches;
    }

    static Router of(TrafficRouting routing) {
      int set = (routing.gatewayAPI != null ? 1 : 0) + (routing.istio != null ? 1 : 0)
          + (routing.nginx != null ? 1 : 0) + (routing.smi != null ? 1 : 0);
      if (set != 1) {
        return null;
      }
      if (routing.gatewayAPI != null) {
        return routing.gatewayAPI.tcpRoute != null ? GATEWAY_API_TCP : GATEWAY_API;
      }
      return routing.istio != null ? ISTIO : routing.nginx != null ? NGINX : SMI;
    }
  }
}
