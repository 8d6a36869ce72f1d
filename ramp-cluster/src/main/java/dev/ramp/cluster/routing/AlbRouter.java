package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryServices;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS Load Balancer Controller, as Argo Rollouts drives it: on each Ingress the rollout names,
 * the annotation {@code actions.<rootService>} forwards to the stable and canary Services by
 * weight (with pingPong, the pair in the roles the rollout's status gives them), read by the
 * controller from the rule whose backend is that Service with port name {@code use-annotation}. A header route is an action and conditions annotation of its own
 * and a path to it ahead of the root Service's path. The controller reports the weights
 * nowhere but in AWS, so the weight read back is the annotation's.
 */
final class AlbRouter implements TrafficRouter {
  private static final String INGRESS_VERSION = "networking.k8s.io/v1";
  private static final String DEFAULT_PREFIX = "alb.ingress.kubernetes.io";
  private static final String USE_ANNOTATION = "use-annotation";

  private final RouterObjects objects;

  AlbRouter(RouterObjects objects) {
    this.objects = objects;
  }

  /**
   * The highest weight any Ingress gives the canary, so that an abort is written again until no
   * Ingress sends it anything; the routes any Ingress has, so that a removal reaches them all.
   */
  @Override
  public RouterView read(Rollout rollout) {
    Integer weight = null;
    Set<String> routes = null;
    boolean agreed = true;
    for (ObjectNode ingress : ingresses(rollout).values()) {
      int share = AlbActions.canaryShare(
          annotations(ingress).path(key(rollout, "actions." + action(rollout))).asText(null),
          CanaryServices.of(rollout).canary());
      Set<String> managed = RouterObjects.managedRoutes(ingress).keySet();
      // several Ingresses count as one router only while they all say the same
      agreed &= weight == null || weight == share && routes.equals(managed);
      weight = weight == null ? share : Math.max(weight, share);
      routes = routes == null ? new LinkedHashSet<>(managed) : routes;
      routes.addAll(managed);
    }
    return new RouterView(weight == null ? 0 : weight, null, null,
        routes == null ? Set.of() : routes, agreed);
  }

  /** Each Ingress is changed in memory and written once, or not at all when nothing changes. */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    Map<String, ObjectNode> before = ingresses(rollout);
    for (ObjectNode existing : before.values()) {
      ObjectNode ingress = existing.deepCopy();
      for (Action.RouteChange change : changes) {
        if (change instanceof Action.SetTrafficWeight weight) {
          setWeight(rollout, ingress, weight.weight());
        } else if (change instanceof Action.SetHeaderRoute route) {
          setHeaderRoute(rollout, ingress, route.name(), route.match());
        } else if (change instanceof Action.SetMirrorRoute) {
          throw new RouterProblem(RouterCapabilities.ALB.mirrorRouteRefusal());
        } else if (change instanceof Action.SetSessionAffinity) {
          throw new RouterProblem(RouterCapabilities.ALB.sessionAffinityRefusal());
        } else if (change instanceof Action.SetExtraWeights extras) {
          if (!extras.weights().isEmpty()) {
            throw RouterProblem.extraRefused(RouterCapabilities.ALB.label);
          }
        } else if (change instanceof Action.RemoveRoute route) {
          removeRoute(rollout, ingress, route.name());
        } else {
          throw new IllegalArgumentException("unknown route change " + change);
        }
      }
      if (!ingress.equals(existing)) {
        objects.update(ingress);
      }
    }
  }

  private void setWeight(Rollout rollout, ObjectNode ingress, int weight) {
    CanaryServices services = CanaryServices.of(rollout);
    putAction(rollout, ingress, "actions." + action(rollout),
        AlbActions.weighted(alb(rollout), services.stable(), services.canary(), weight));
  }

  /** The route's action and conditions, and a path to it ahead of each path to the action. */
  private void setHeaderRoute(Rollout rollout, ObjectNode ingress, String name,
      List<HeaderMatch> match) {
    Map<String, String> managed = RouterObjects.managedRoutes(ingress);
    String actionKey = key(rollout, "actions." + name);
    if (annotations(ingress).has(actionKey) && !managed.containsKey(name)) {
      throw new RouterProblem("Ingress \"" + name(ingress) + "\" already has the action \""
          + name + "\" (" + actionKey + "), which Ramp did not add: give the header route"
          + " another name");
    }
    putAction(rollout, ingress, "actions." + name,
        AlbActions.forward(alb(rollout), CanaryServices.of(rollout).canary(), 100));
    putAction(rollout, ingress, "conditions." + name, AlbActions.headerConditions(match));
    removePaths(ingress, name);
    for (ObjectNode rule : JsonFields.objects(ingress.path("spec"), "rules")) {
      if (rule.path("http").path("paths") instanceof ArrayNode paths) {
        for (ObjectNode path : JsonFields.objects(rule.path("http"), "paths")) {
          if (backend(path).equals(action(rollout))) {
            ObjectNode toRoute = path.deepCopy();
            ObjectNode service = JsonFields.object(
                JsonFields.object(toRoute, "backend", "a path"), "service", "backend");
            service.removeAll();
            service.put("name", name).putObject("port").put("name", USE_ANNOTATION);
            paths.insert(JsonFields.indexOf(paths, path), toRoute);
          }
        }
      }
    }
    managed.put(name, "header");
    RouterObjects.setManagedRoutes(ingress, managed);
  }

  private void removeRoute(Rollout rollout, ObjectNode ingress, String name) {
    Map<String, String> managed = RouterObjects.managedRoutes(ingress);
    if (managed.remove(name) == null) {
      return;
    }
    annotations(ingress).remove(key(rollout, "actions." + name));
    annotations(ingress).remove(key(rollout, "conditions." + name));
    removePaths(ingress, name);
    RouterObjects.setManagedRoutes(ingress, managed);
  }

  /** Removes the paths to a header route's action. */
  private static void removePaths(ObjectNode ingress, String route) {
    for (ObjectNode rule : JsonFields.objects(ingress.path("spec"), "rules")) {
      if (rule.path("http").path("paths") instanceof ArrayNode paths) {
        for (ObjectNode path : JsonFields.objects(rule.path("http"), "paths")) {
          if (backend(path).equals(route)) {
            JsonFields.remove(paths, path);
          }
        }
      }
    }
  }

  /** Sets an annotation to JSON, leaving it as written when it already says the same. */
  private void putAction(Rollout rollout, ObjectNode ingress, String name, JsonNode json) {
    ObjectNode annotations = annotations(ingress);
    String key = key(rollout, name);
    if (!AlbActions.says(annotations.path(key).asText(null), json)) {
      annotations.put(key, json.toString());
    }
  }

  /** The Ingresses by name, each checked to have a path the action's weights apply to. */
  private Map<String, ObjectNode> ingresses(Rollout rollout) {
    Map<String, ObjectNode> ingresses = new LinkedHashMap<>();
    for (String name : alb(rollout).ingressNames()) {
      ObjectNode ingress = objects.require(INGRESS_VERSION, "Ingress",
          rollout.getMetadata().getNamespace(), name);
      requirePathToAction(rollout, ingress);
      ingresses.put(name, ingress);
    }
    return ingresses;
  }

  private static void requirePathToAction(Rollout rollout, ObjectNode ingress) {
    String action = action(rollout);
    for (ObjectNode rule : JsonFields.objects(ingress.path("spec"), "rules")) {
      for (ObjectNode path : JsonFields.objects(rule.path("http"), "paths")) {
        JsonNode service = path.path("backend").path("service");
        if (action.equals(service.path("name").asText())
            && USE_ANNOTATION.equals(service.path("port").path("name").asText())) {
          return;
        }
      }
    }
    throw new RouterProblem("Ingress \"" + name(ingress) + "\" has no path to the Service \""
        + action + "\" with port {name: use-annotation}: the AWS Load Balancer Controller"
        + " applies the weights of the action \"" + action + "\" only to such a path");
  }

  private static String backend(JsonNode path) {
    return path.path("backend").path("service").path("name").asText("");
  }

  private static ObjectNode annotations(ObjectNode ingress) {
    return JsonFields.object(JsonFields.object(ingress, "metadata", "the Ingress"),
        "annotations", "metadata");
  }

  private static String name(ObjectNode ingress) {
    return ingress.path("metadata").path("name").asText();
  }

  /** The action the Ingress rule names: rootService, or stableService. */
  private static String action(Rollout rollout) {
    String root = alb(rollout).rootService;
    return root != null ? root : CanaryServices.of(rollout).stable();
  }

  private static String key(Rollout rollout, String name) {
    String prefix = alb(rollout).annotationPrefix;
    return (prefix == null ? DEFAULT_PREFIX : prefix) + "/" + name;
  }

  private static AlbRouting alb(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.alb;
  }
}
