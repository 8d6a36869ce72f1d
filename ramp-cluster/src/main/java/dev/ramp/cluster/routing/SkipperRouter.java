package dev.ramp.cluster.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.api.routing.SkipperRouting;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;
import java.util.Set;

/**
 * Zalando's Skipper, as Flagger drives it: a canary Ingress, owned by the rollout, cloned from
 * the user's with each path to the root Service split into a path to the stable Service and one
 * to the canary Service, weighed by {@code zalando.org/backend-weights}. Its predicate
 * {@code Weight(100)} makes Skipper prefer its routes to the user's Ingress, whose routes are
 * the same; at weight 0 {@code False()} turns them off. The user's Ingress is only read.
 */
final class SkipperRouter implements TrafficRouter {
  static final String BACKEND_WEIGHTS = "zalando.org/backend-weights";
  static final String PREDICATE = "zalando.org/skipper-predicate";
  private static final String INGRESS_VERSION = "networking.k8s.io/v1";
  private static final String PREFERRED = "Weight(100)";
  private static final String OFF = "False()";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RouterObjects objects;

  SkipperRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    ingress(rollout);
    ObjectNode canary = canaryIngress(rollout);
    return new RouterView(canary == null ? 0 : canaryShare(rollout, canary), null, null,
        Set.of());
  }

  /** Skipper has weights only: the plan's last weight is written, once, when it changes. */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    Integer weight = WeightOnly.lastWeight(RouterCapabilities.SKIPPER, changes);
    if (weight == null) {
      return;
    }
    ObjectNode existing = canaryIngress(rollout);
    ObjectNode canary = canaryIngress(rollout, existing, weight);
    if (existing == null) {
      objects.create(canary);
    } else if (!canary.equals(existing)) {
      objects.update(canary);
    }
  }

  /**
   * The canary Ingress at a weight: the user's Ingress' spec and annotations with the paths
   * split and Ramp's annotations; any other metadata of an existing one stays.
   */
  private ObjectNode canaryIngress(Rollout rollout, ObjectNode existing, int weight) {
    ObjectNode user = ingress(rollout);
    ObjectNode canary = existing != null ? existing.deepCopy() : RouterObjects.object();
    canary.put("apiVersion", INGRESS_VERSION).put("kind", "Ingress");
    ObjectNode metadata = JsonFields.object(canary, "metadata", "the canary Ingress");
    if (existing == null) {
      metadata.put("name", canaryName(rollout));
      metadata.put("namespace", rollout.getMetadata().getNamespace());
      metadata.putArray("ownerReferences").add(RouterObjects.ownedBy(rollout));
    }
    ObjectNode annotations = metadata.putObject("annotations");
    user.path("metadata").path("annotations").fields().forEachRemaining(a -> {
      if (!a.getKey().equals("kubectl.kubernetes.io/last-applied-configuration")) {
        annotations.set(a.getKey(), a.getValue());
      }
    });
    CanaryStrategy strategy = rollout.getSpec().strategy.canary;
    annotations.put(BACKEND_WEIGHTS, JSON.createObjectNode()
        .put(strategy.stableService, 100 - weight).put(strategy.canaryService, weight)
        .toString());
    String predicate = user.path("metadata").path("annotations").path(PREDICATE).asText("");
    annotations.put(PREDICATE, (weight == 0 ? OFF : PREFERRED)
        + (predicate.isBlank() ? "" : " && " + predicate));
    ObjectNode spec = user.path("spec").deepCopy();
    split(spec, root(rollout), strategy);
    canary.set("spec", spec);
    return canary;
  }

  /** Each path to the root Service becomes a path to the stable and one to the canary. */
  private static void split(ObjectNode spec, String root, CanaryStrategy strategy) {
    for (ObjectNode rule : JsonFields.objects(spec, "rules")) {
      if (rule.path("http").path("paths") instanceof ArrayNode paths) {
        for (ObjectNode path : JsonFields.objects(rule.path("http"), "paths")) {
          if (path.path("backend").path("service") instanceof ObjectNode service
              && root.equals(service.path("name").asText())) {
            ObjectNode toCanary = path.deepCopy();
            service.put("name", strategy.stableService);
            ((ObjectNode) toCanary.path("backend").path("service"))
                .put("name", strategy.canaryService);
            paths.insert(JsonFields.indexOf(paths, path) + 1, toCanary);
          }
        }
      }
    }
  }

  /**
   * The canary's share of the backend weights, 0 while its routes are off, and 100 when the
   * weights cannot be read (so that Ramp writes them again).
   */
  private static int canaryShare(Rollout rollout, ObjectNode canary) {
    JsonNode annotations = canary.path("metadata").path("annotations");
    if (annotations.path(PREDICATE).asText("").startsWith(OFF)) {
      return 0;
    }
    try {
      JsonNode weights = JSON.readTree(annotations.path(BACKEND_WEIGHTS).asText("{}"));
      CanaryStrategy strategy = rollout.getSpec().strategy.canary;
      double stable = weights.path(strategy.stableService).asDouble(0);
      double toCanary = weights.path(strategy.canaryService).asDouble(0);
      return stable + toCanary <= 0 ? 100
          : (int) Math.round(toCanary * 100 / (stable + toCanary));
    } catch (JsonProcessingException e) {
      return 100;
    }
  }

  private ObjectNode ingress(Rollout rollout) {
    ObjectNode ingress = objects.require(INGRESS_VERSION, "Ingress",
        rollout.getMetadata().getNamespace(), routing(rollout).ingress);
    String root = root(rollout);
    for (ObjectNode rule : JsonFields.objects(ingress.path("spec"), "rules")) {
      for (ObjectNode path : JsonFields.objects(rule.path("http"), "paths")) {
        if (root.equals(path.path("backend").path("service").path("name").asText())) {
          return ingress;
        }
      }
    }
    throw new RouterProblem("Ingress \"" + routing(rollout).ingress + "\" has no path to the"
        + " Service \"" + root + "\", so Skipper has no route for Ramp to weigh");
  }

  private ObjectNode canaryIngress(Rollout rollout) {
    return objects.find(INGRESS_VERSION, "Ingress", rollout.getMetadata().getNamespace(),
        canaryName(rollout));
  }

  /** The canary Ingress' name: {@code <rollout>-<ingress>-canary}. */
  static String canaryName(Rollout rollout) {
    return rollout.getMetadata().getName() + "-" + routing(rollout).ingress + "-canary";
  }

  private static String root(Rollout rollout) {
    String root = routing(rollout).rootService;
    return root != null ? root : rollout.getSpec().strategy.canary.stableService;
  }

  private static SkipperRouting routing(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.skipper;
  }
}
