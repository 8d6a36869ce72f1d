package dev.ramp.cluster.routing;

import dev.ramp.api.Rollout;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;

/**
 * Sets a rollout's share of requests in a mesh or ingress. Each method changes only what Ramp
 * manages in the objects it edits (weights of the stable and canary backends, routes it added,
 * recorded in the annotation {@code ramp.dev/managed-routes}); every other field stays as it
 * was. Objects a router creates are owned by the rollout.
 */
public interface TrafficRouter {

  /**
   * What the router's objects say now; verifying a weight is reading it back.
   *
   * @throws RouterProblem when a CRD or an object the rollout names is missing
   */
  RouterView read(Rollout rollout);

  /**
   * Makes the changes, in order, writing each object they touch once, and not at all when they
   * leave it as it was. Subset routers also pin their subsets on a weight change.
   */
  void apply(Rollout rollout, List<Action.RouteChange> changes);
}
