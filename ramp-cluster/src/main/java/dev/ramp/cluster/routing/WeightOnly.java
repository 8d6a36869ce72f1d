package dev.ramp.cluster.routing;

import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import java.util.List;

/** The route changes of a router that carries weights only (no header or mirror routes). */
final class WeightOnly {
  private WeightOnly() {}

  /**
   * The plan's last weight, or null when it sets none; a header or mirror route or a session
   * affinity is refused with the router's reason, and a route removal is nothing to do (such a
   * router has none).
   */
  static Integer lastWeight(RouterCapabilities router, List<Action.RouteChange> changes) {
    Integer weight = null;
    for (Action.RouteChange change : changes) {
      if (change instanceof Action.SetTrafficWeight set) {
        weight = set.weight();
      } else if (change instanceof Action.SetHeaderRoute) {
        throw new RouterProblem(router.headerRouteRefusal());
      } else if (change instanceof Action.SetMirrorRoute) {
        throw new RouterProblem(router.mirrorRouteRefusal());
      } else if (change instanceof Action.SetSessionAffinity) {
        throw new RouterProblem(router.sessionAffinityRefusal());
      } else if (change instanceof Action.SetExtraWeights extras) {
        if (!extras.weights().isEmpty()) {
          throw RouterProblem.extraRefused(router.label);
        }
      } else if (!(change instanceof Action.RemoveRoute)) {
        throw new IllegalArgumentException("unknown route change " + change);
      }
    }
    return weight;
  }
}
