package dev.ramp.controller;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.SetHeaderRoute;
import dev.ramp.api.routing.SetMirrorRoute;
import dev.ramp.api.routing.TrafficRouting;
import java.util.List;

/** Rollouts with traffic routing, as the routing tests write them. */
final class Routes {
  private Routes() {}

  /** A rollout with Services {@code <name>-stable} and {@code <name>-canary} and a router. */
  static Rollout routed(Cluster cluster, String name, TrafficRouting routing,
      CanaryStep... steps) {
    cluster.createService(name + "-stable", name);
    cluster.createService(name + "-canary", name);
    Rollout rollout = Rollouts.canary(name, 4, "demo:v1", steps);
    var canary = rollout.getSpec().strategy.canary;
    canary.stableService = name + "-stable";
    canary.canaryService = name + "-canary";
    canary.trafficRouting = routing;
    canary.abortScaleDownDelaySeconds = 1;
    return rollout;
  }

  static CanaryStep header(String route, String header, String value) {
    CanaryStep step = new CanaryStep();
    step.setHeaderRoute = new SetHeaderRoute();
    step.setHeaderRoute.name = route;
    step.setHeaderRoute.match = List.of(new HeaderMatch(header, value));
    return step;
  }

  static CanaryStep mirror(String route, int percentage) {
    CanaryStep step = new CanaryStep();
    step.setMirrorRoute = new SetMirrorRoute();
    step.setMirrorRoute.name = route;
    step.setMirrorRoute.percentage = percentage;
    return step;
  }
}
