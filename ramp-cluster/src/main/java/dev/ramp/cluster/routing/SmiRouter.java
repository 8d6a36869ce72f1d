package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.api.routing.SmiRouting;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;
import java.util.Set;

/**
 * SMI: a TrafficSplit of the root Service between the stable and canary Services, owned by the
 * rollout. SMI has no header or mirror routes.
 */
final class SmiRouter implements TrafficRouter {
  private static final RouterKind KIND = RouterKind.TRAFFIC_SPLIT;

  private final RouterObjects objects;

  SmiRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    ObjectNode split = split(rollout);
    int weight = 0;
    if (split != null) {
      for (JsonNode backend : split.path("spec").path("backends")) {
        if (backend.path("service").asText().equals(canary(rollout).canaryService)) {
          weight = backend.path("weight").asInt(0);
        }
      }
    }
    return new RouterView(weight, null, null, Set.of());
  }

  /**
   * A TrafficSplit has weights only (SMI never has routes of Ramp's to remove): the last weight
   * of the plan is written, once, and not at all when the split already has it.
   */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    Integer weight = WeightOnly.lastWeight(RouterCapabilities.SMI, changes);
    if (weight != null) {
      setWeight(rollout, weight);
    }
  }

  private void setWeight(Rollout rollout, int weight) {
    ObjectNode existing = split(rollout);
    ObjectNode split = existing != null ? existing.deepCopy() : newSplit(rollout);
    ObjectNode spec = JsonFields.object(split, "spec", "the TrafficSplit");
    spec.put("service", rootService(rollout));
    ArrayNode backends = spec.putArray("backends");
    backends.addObject().put("service", canary(rollout).stableService).put("weight", 100 - weight);
    backends.addObject().put("service", canary(rollout).canaryService).put("weight", weight);
    if (existing == null) {
      objects.create(split);
    } else if (!split.equals(existing)) {
      objects.update(split);
    }
  }

  private ObjectNode newSplit(Rollout rollout) {
    ObjectNode split = RouterObjects.object();
    split.put("apiVersion", KIND.apiVersion()).put("kind", KIND.kind());
    ObjectNode metadata = split.putObject("metadata");
    metadata.put("name", splitName(rollout));
    metadata.put("namespace", rollout.getMetadata().getNamespace());
    metadata.putArray("ownerReferences").add(RouterObjects.ownedBy(rollout));
    return split;
  }

  private ObjectNode split(Rollout rollout) {
    objects.requireCrd(KIND, "SMI");
    return objects.find(KIND.apiVersion(), KIND.kind(), rollout.getMetadata().getNamespace(),
        splitName(rollout));
  }

  /** As in Argo Rollouts: the rollout's name when trafficSplitName is absent. */
  private static String splitName(Rollout rollout) {
    String name = routing(rollout).trafficSplitName;
    return name == null || name.isEmpty() ? rollout.getMetadata().getName() : name;
  }

  /** As in Argo Rollouts: the stable Service when rootService is absent. */
  private static String rootService(Rollout rollout) {
    String root = routing(rollout).rootService;
    return root == null || root.isEmpty() ? canary(rollout).stableService : root;
  }

  private static SmiRouting routing(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.smi;
  }

  private static CanaryStrategy canary(Rollout rollout) {
    return rollout.getSpec().strategy.canary;
  }
}
