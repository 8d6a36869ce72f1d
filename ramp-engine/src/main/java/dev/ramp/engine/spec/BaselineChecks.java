package dev.ramp.engine.spec;

import dev.ramp.api.Baseline;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of {@code canary.baseline} and {@code canary.baselineService}: one way to size the
 * baseline, and with a traffic router, a Service for it that the router can weigh (only the
 * Gateway API router carries a third backend; any other would leave the baseline without
 * requests).
 */
final class BaselineChecks {
  private static final String AT = "spec.strategy.canary";
  private static final Set<RouterCapabilities> GATEWAY_API =
      EnumSet.of(RouterCapabilities.GATEWAY_API, RouterCapabilities.GATEWAY_API_TCP);

  private BaselineChecks() {}

  static void check(CanaryStrategy canary, List<String> problems) {
    Baseline baseline = canary.baseline;
    if (baseline == null) {
      if (canary.baselineService != null) {
        problems.add(AT + ".baselineService is set but there is no baseline: add baseline:"
            + " {matchCanary: true} or {replicas: N}, or remove baselineService");
      }
      return;
    }
    boolean matches = Boolean.TRUE.equals(baseline.matchCanary);
    if ((baseline.replicas != null) == matches) {
      problems.add(AT + ".baseline must set exactly one of replicas and matchCanary: true");
    }
    if (baseline.replicas != null && baseline.replicas < 1) {
      problems.add(AT + ".baseline.replicas must be at least 1 (is " + baseline.replicas + ")");
    }
    if (canary.baselineService != null && (canary.baselineService.equals(canary.stableService)
        || canary.baselineService.equals(canary.canaryService))) {
      problems.add(AT + ".baselineService must be a Service of its own, not the stable or the"
          + " canary Service");
    }
    if (canary.trafficRouting == null) {
      return;
    }
    List<RouterCapabilities> routers = RouterCapabilities.all(canary.trafficRouting);
    if (routers.size() != 1 || !GATEWAY_API.contains(routers.get(0))) {
      problems.add(AT + ".baseline with a traffic router works with the Gateway API router only"
          + " (trafficRouting.gatewayAPI), which gives the baselineService the canary's share;"
          + " Ramp cannot weigh a baseline with " + String.join(" and ",
              routers.stream().map(router -> router.label).toList())
          + " (without a router the baseline's pods get their share of the replicas)");
    } else if (canary.baselineService == null) {
      problems.add(AT + ".baselineService is required with a baseline and a traffic router:"
          + " name the Service the router sends the baseline's share of requests to");
    }
  }
}
