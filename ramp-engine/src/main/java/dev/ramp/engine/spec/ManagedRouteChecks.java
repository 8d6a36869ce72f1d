package dev.ramp.engine.spec;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.routing.ManagedRoute;
import java.util.List;

/**
 * With {@code trafficRouting.managedRoutes} declared, as Argo Rollouts requires it, every header
 * and mirror route a step sets must be one of them: a name that is not is most likely a typo.
 */
final class ManagedRouteChecks {
  private static final String AT = "spec.strategy.canary";

  private ManagedRouteChecks() {}

  static void check(List<ManagedRoute> declared, List<CanaryStep> steps, List<String> problems) {
    if (declared == null) {
      return;
    }
    List<String> names = ManagedRoute.names(declared);
    for (int i = 0; i < steps.size(); i++) {
      CanaryStep step = steps.get(i);
      if (step != null && step.setHeaderRoute != null) {
        checkDeclared(names, step.setHeaderRoute.name, i, "setHeaderRoute", problems);
      }
      if (step != null && step.setMirrorRoute != null) {
        checkDeclared(names, step.setMirrorRoute.name, i, "setMirrorRoute", problems);
      }
    }
  }

  private static void checkDeclared(List<String> names, String name, int step, String field,
      List<String> problems) {
    if (!names.contains(name)) {
      problems.add(AT + ".steps[" + step + "]." + field + ": route \"" + name + "\" is not"
          + " declared in " + AT + ".trafficRouting.managedRoutes " + names);
    }
  }
}
