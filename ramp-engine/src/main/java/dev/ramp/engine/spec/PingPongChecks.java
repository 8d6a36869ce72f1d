package dev.ramp.engine.spec;

import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.PingPong;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.List;

/**
 * Checks of {@code canary.pingPong}, as Argo Rollouts makes them: two different Services, in
 * place of stableService and canaryService, weighed by an AWS ALB whose Ingress rule names a
 * rootService (neither of the pair, since they take turns).
 */
final class PingPongChecks {
  private static final String AT = "spec.strategy.canary";

  private PingPongChecks() {}

  static void check(CanaryStrategy canary, List<String> problems) {
    PingPong pair = canary.pingPong;
    if (pair.pingService == null || pair.pongService == null) {
      problems.add(AT + ".pingPong must name both pingService and pongService");
    } else if (pair.pingService.equals(pair.pongService)) {
      problems.add(AT + ".pingPong: pingService and pongService must be different Services");
    }
    if (canary.stableService != null || canary.canaryService != null) {
      problems.add(AT + ": set either pingPong or stableService and canaryService, not both"
          + " (with pingPong the two Services take turns as the stable one)");
    }
    List<RouterCapabilities> routers = canary.trafficRouting == null ? List.of()
        : RouterCapabilities.all(canary.trafficRouting);
    if (!routers.equals(List.of(RouterCapabilities.ALB))) {
      problems.add(AT + ".pingPong works with the AWS ALB router only (trafficRouting.alb):"
          + " the canary's Service must get all the traffic before it becomes the stable one"
          + (routers.isEmpty() ? "" : "; Ramp does not do that with "
              + String.join(" and ", routers.stream().map(router -> router.label).toList())));
    } else if (canary.trafficRouting.alb.rootService == null) {
      problems.add(AT + ".trafficRouting.alb.rootService is required with pingPong: the"
          + " Ingress rule names this action, as neither of the two Services stays stable");
    }
  }
}
