package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import dev.ramp.engine.RouterView.NotInEffect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Contour: reads each HTTPProxy the spec names, lets the {@link RouteTableEditor} edit its routes
 * ({@link ContourRoutes}) and writes back those that changed. Its weights count once Contour
 * reports every proxy valid ({@link ContourProxyStatus}).
 */
final class ContourRouter implements TrafficRouter {
  private static final RouterKind KIND = RouterKind.HTTP_PROXY;

  private final RouterObjects objects;

  ContourRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    List<Integer> weights = new ArrayList<>();
    Set<String> routes = new LinkedHashSet<>();
    NotInEffect notInEffect = null;
    for (String name : names(rollout)) {
      ObjectNode proxy = proxy(rollout, name);
      weights.add(editor(rollout, name).weight(proxy));
      routes.addAll(RouteTableEditor.managedRoutes(proxy));
      notInEffect = NotInEffect.first(notInEffect, ContourProxyStatus.of(proxy));
    }
    return AgreedWeight.view(weights, routes).reporting(notInEffect);
  }

  /** Every HTTPProxy is edited before any is written, so a problem with one writes none. */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    List<ObjectNode> changed = new ArrayList<>();
    for (String name : names(rollout)) {
      ObjectNode proxy = proxy(rollout, name);
      if (editor(rollout, name).apply(proxy, changes)) {
        changed.add(proxy);
      }
    }
    changed.forEach(objects::update);
  }

  private static RouteTableEditor editor(Rollout rollout, String name) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    // Contour adds no routes of its own (its routes have no names), so managedRoutes orders none
    return new RouteTableEditor(new ContourRoutes(name, canary.stableService,
        canary.canaryService), List.of());
  }

  private ObjectNode proxy(Rollout rollout, String name) {
    objects.requireCrd(KIND, "Contour");
    return objects.require(KIND.apiVersion(), KIND.kind(), rollout.getMetadata().getNamespace(),
        name);
  }

  private static List<String> names(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.contour.httpProxies;
  }
}
