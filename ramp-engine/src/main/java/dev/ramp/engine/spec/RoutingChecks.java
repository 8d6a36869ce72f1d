package dev.ramp.engine.spec;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.api.routing.TrafficRouting;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks of a canary's traffic routing: its routers, the Services they need, and steps every
 * one of them can carry out. A step a router cannot do is refused here, naming the router, never
 * ignored.
 */
final class RoutingChecks {
  private static final String AT = "spec.strategy.canary";

  private RoutingChecks() {}

  static void check(CanaryStrategy canary, List<String> problems) {
    if (canary.pingPong != null) {
      PingPongChecks.check(canary, problems);
    }
    TrafficRouting routing = canary.trafficRouting;
    SessionAffinityChecks.check(canary.sessionAffinity, routing, problems);
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
    List<RouterCapabilities> routers = RouterCapabilities.all(routing);
    if (routers.isEmpty()) {
      problems.add(AT + ".trafficRouting must set a router: " + RouterCapabilities.FIELDS);
      return;
    }
    if (routing.gatewayAPI != null && gatewayRoutes(routing.gatewayAPI) != 1) {
      problems.add(AT + ".trafficRouting.gatewayAPI must set exactly one of httpRoute, grpcRoute,"
          + " tcpRoute");
      return;
    }
    if (routing.alb != null) {
      AlbChecks.check(routing.alb, problems);
    }
    if (routing.plugin != null && routing.plugin.tokenSecretRef != null
        && routing.plugin.tokenSecretRef.getName() == null) {
      problems.add(AT + ".trafficRouting.plugin.tokenSecretRef must name the Secret (name)");
    }
    boolean subsetsOnly = routers.size() == 1 && routing.istio != null
        && routing.istio.destinationRule != null;
    if (!subsetsOnly && canary.pingPong == null && (canary.stableService == null || canary.canaryService == null)) {
      problems.add(AT + ": " + routers.stream().map(router -> router.label)
          .collect(Collectors.joining(" and ")) + " routing needs stableService and canaryService");
    }
    ManagedRouteChecks.check(routing.managedRoutes, steps, problems);
    routers.stream().filter(router -> router != RouterCapabilities.NGINX).findFirst()
        .filter(router -> routing.maxTrafficWeight != null)
        .ifPresent(router -> problems.add(AT + ".trafficRouting.maxTrafficWeight: only NGINX"
            + " Ingress weighs out of a total other than 100 (as in Argo Rollouts); "
            + router.label + " weighs in percent"));
    for (RouterCapabilities router : routers) {
      checkSteps(steps, router, problems);
    }
  }

  /** The steps a router must carry out: each one it cannot is refused, naming it. */
  private static void checkSteps(List<CanaryStep> steps, RouterCapabilities router,
      List<String> problems) {
    for (int i = 0; i < steps.size(); i++) {
      CanaryStep step = steps.get(i);
      String at = AT + ".steps[" + i + "]";
      if (step == null) {
        continue;
      }
      if (step.setMirrorRoute != null && !router.mirrors) {
        problems.add(at + ": " + router.mirrorRouteRefusal());
      } else if (router == RouterCapabilities.CONTOUR && step.setMirrorRoute != null
          && step.setMirrorRoute.match != null && !step.setMirrorRoute.match.isEmpty()) {
        problems.add(at + ": Contour mirrors all requests of the routes Ramp weighs (no match)"
            + router.hint);
      }
      if (step.setHeaderRoute != null) {
        List<HeaderMatch> matches = step.setHeaderRoute.match;
        if (!router.headerRoutes) {
          problems.add(at + ": " + router.headerRouteRefusal());
        } else if (router == RouterCapabilities.NGINX && matches != null && matches.size() > 1) {
          problems.add(at + ": NGINX Ingress routes by one header only");
        }
        for (HeaderMatch match : matches == null ? List.<HeaderMatch>of() : matches) {
          checkMatch("header " + match.headerName, "a header", match.headerValue, router, at,
              problems);
        }
      }
      if (step.setMirrorRoute != null && step.setMirrorRoute.match != null) {
        List<RouteMatch> matches = step.setMirrorRoute.match;
        for (int m = 0; m < matches.size(); m++) {
          checkRouteMatch(matches.get(m), router, at + ".setMirrorRoute.match[" + m + "]",
              problems);
        }
      }
    }
    if (router == RouterCapabilities.NGINX && distinctHeaderRoutes(steps) > 1) {
      problems.add(AT + ": NGINX Ingress has one canary Ingress, so one header route at a time");
    }
  }

  private static void checkRouteMatch(RouteMatch match, RouterCapabilities router, String at,
      List<String> problems) {
    if (match == null) {
      return;
    }
    if (match.method != null) {
      if (router == RouterCapabilities.GATEWAY_API && match.method.kinds() == 1
          && match.method.exact == null) {
        problems.add(at + ": Gateway API matches a method exactly only (use exact)");
      } else {
        checkMatch("the method", "a method", match.method, router, at, problems);
      }
    }
    if (match.path != null && match.path.kinds() != 1) {
      problems.add(at + ": the path must match exactly one of exact, prefix, regex");
    }
    match.headersOrNone().forEach((name, value) ->
        checkMatch("header " + name, "a header", value, router, at, problems));
  }

  /**
   * A header (or method) match: exactly one way, and one the router can match {@code kind} by;
   * {@code subject} names it.
   */
  private static void checkMatch(String subject, String kind, StringMatch value,
      RouterCapabilities router, String at, List<String> problems) {
    if (value == null || value.kinds() != 1) {
      problems.add(at + ": " + subject + " must match exactly one of exact, prefix, regex");
    } else if (value.prefix != null && !router.prefixMatches) {
      problems.add(at + ": " + router.label + " cannot match " + kind + " by prefix (use regex)");
    } else if (value.regex != null && router == RouterCapabilities.ALB) {
      problems.add(at + ": AWS ALB cannot match " + kind + " by regex (use exact or prefix)");
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
}
