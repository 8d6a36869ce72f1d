package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import dev.ramp.engine.RouterView.NotInEffect;
import java.util.List;

/**
 * A router whose rollout names one object with a table of routes (an HTTPRoute, an ApisixRoute,
 * a RouteTable): it reads the object, lets the {@link RouteTableEditor} make the plan's changes,
 * and writes it back once, or not at all when nothing changed. Its weights count once the
 * object's own status says the router took it up, for routers that report one.
 */
abstract class RouteTableRouter implements TrafficRouter {
  final RouterObjects objects;

  RouteTableRouter(RouterObjects objects) {
    this.objects = objects;
  }

  /** The object as it is now, or a RouterProblem when it or its CRD is missing. */
  abstract ObjectNode object(Rollout rollout);

  abstract RouteTableEditor editor(Rollout rollout);

  /** Why the router has not taken the object up, as its status says; null when it has. */
  abstract NotInEffect status(ObjectNode object);

  @Override
  public final RouterView read(Rollout rollout) {
    ObjectNode object = object(rollout);
    RouteTableEditor editor = editor(rollout);
    return new RouterView(editor.weight(object), null, null, editor.routes(object))
        .withExtraWeights(editor.extraWeights(object)).reporting(status(object));
  }

  @Override
  public final void apply(Rollout rollout, List<Action.RouteChange> changes) {
    ObjectNode object = object(rollout);
    if (editor(rollout).apply(object, changes)) {
      objects.update(object);
    }
  }
}
