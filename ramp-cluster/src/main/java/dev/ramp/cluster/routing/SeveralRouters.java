package dev.ramp.cluster.routing;

import dev.ramp.api.Rollout;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The routers of a rollout that names several (an ingress in front of a mesh, say): each is
 * given every change, and what they show counts only when they all show the same.
 */
final class SeveralRouters implements TrafficRouter {
  private final List<TrafficRouter> routers;

  SeveralRouters(List<TrafficRouter> routers) {
    this.routers = List.copyOf(routers);
  }

  /**
   * What the routers say together: the largest weight any gives the canary, the subsets of the
   * one that pins them, every route any has, whether they all agree, and why any of them has
   * not taken its objects up.
   */
  @Override
  public RouterView read(Rollout rollout) {
    List<RouterView> views = routers.stream().map(router -> router.read(rollout)).toList();
    RouterView first = views.get(0);
    int weight = first.canaryWeight();
    String stableHash = first.stableHash();
    String canaryHash = first.canaryHash();
    Set<String> routes = new LinkedHashSet<>(first.routes());
    boolean agreed = true;
    RouterView.NotInEffect notInEffect = first.notInEffect();
    for (RouterView view : views.subList(1, views.size())) {
      agreed &= view.canaryWeight() == weight && view.routes().equals(first.routes());
      weight = Math.max(weight, view.canaryWeight());
      if (view.stableHash() != null) {
        agreed &= stableHash == null || stableHash.equals(view.stableHash())
            && Objects.equals(canaryHash, view.canaryHash());
        stableHash = view.stableHash();
        canaryHash = view.canaryHash();
      }
      routes.addAll(view.routes());
      notInEffect = RouterView.NotInEffect.first(notInEffect, view.notInEffect());
    }
    return new RouterView(weight, stableHash, canaryHash, Set.copyOf(routes), agreed,
        notInEffect);
  }

  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    for (TrafficRouter router : routers) {
      router.apply(rollout, changes);
    }
  }
}
