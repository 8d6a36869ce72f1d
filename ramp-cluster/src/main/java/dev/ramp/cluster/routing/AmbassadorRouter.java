package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Emissary-ingress / Ambassador, as Argo Rollouts does it: next to each stable Mapping the spec
 * names, a canary Mapping {@code <mapping>-canary} owned by the rollout, a copy of the stable one
 * sending to the canary Service with the canary's {@code weight}; Emissary splits the requests
 * of Mappings with the same prefix and host by it. The canary Mapping is deleted when the weight
 * is back to 0. The stable Mappings are only read.
 */
final class AmbassadorRouter implements TrafficRouter {
  private static final RouterKind KIND = RouterKind.MAPPING;
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final RouterObjects objects;

  AmbassadorRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    List<Integer> weights = new ArrayList<>();
    for (String name : names(rollout)) {
      ObjectNode canary = canaryMapping(rollout, stableMapping(rollout, name));
      weights.add(canary == null ? 0 : canary.path("spec").path("weight").asInt(0));
    }
    return AgreedWeight.view(weights, Set.of());
  }

  /** The last weight of the plan is written to each canary Mapping once, if it changes it. */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    Integer weight = WeightOnly.lastWeight(RouterCapabilities.AMBASSADOR, changes);
    if (weight == null) {
      return;
    }
    // every stable Mapping is read before any canary one is written: a missing one writes none
    List<ObjectNode> stables = names(rollout).stream()
        .map(name -> stableMapping(rollout, name)).toList();
    for (ObjectNode stable : stables) {
      setWeight(rollout, stable, weight);
    }
  }

  private void setWeight(Rollout rollout, ObjectNode stable, int weight) {
    ObjectNode existing = canaryMapping(rollout, stable);
    if (weight == 0) {
      if (existing != null) {
        objects.delete(existing);
      }
      return;
    }
    ObjectNode canary = copyOf(rollout, stable, weight);
    if (existing == null) {
      objects.create(canary);
    } else if (!canary.path("spec").equals(existing.path("spec"))
        || !canary.path("metadata").path("labels").equals(existing.path("metadata").path("labels"))
        || !canary.path("metadata").path("annotations")
            .equals(existing.path("metadata").path("annotations"))) {
      ObjectNode metadata = JsonFields.object(canary, "metadata", "the canary Mapping");
      metadata.set("resourceVersion", existing.path("metadata").path("resourceVersion"));
      objects.update(canary);
    }
  }

  /** The canary Mapping: the stable one's spec, labels and annotations, to the canary. */
  private static ObjectNode copyOf(Rollout rollout, ObjectNode stable, int weight) {
    ObjectNode canary = RouterObjects.object();
    canary.put("apiVersion", KIND.apiVersion()).put("kind", KIND.kind());
    ObjectNode metadata = canary.putObject("metadata");
    metadata.put("name", canaryName(stable));
    metadata.put("namespace", rollout.getMetadata().getNamespace());
    if (stable.path("metadata").get("labels") instanceof ObjectNode labels) {
      metadata.set("labels", labels.deepCopy());
    }
    if (stable.path("metadata").get("annotations") instanceof ObjectNode annotations) {
      ObjectNode copied = annotations.deepCopy();
      copied.remove(LAST_APPLIED);
      if (!copied.isEmpty()) {
        metadata.set("annotations", copied);
      }
    }
    metadata.putArray("ownerReferences").add(RouterObjects.ownedBy(rollout));
    ObjectNode spec = stable.path("spec") instanceof ObjectNode s ? s.deepCopy()
        : RouterObjects.object();
    CanaryStrategy strategy = rollout.getSpec().strategy.canary;
    spec.put("service", canaryService(spec.path("service").asText(""), strategy.canaryService));
    spec.put("weight", weight);
    canary.set("spec", spec);
    return canary;
  }

  /**
   * The stable Mapping's service with the canary Service in its place: scheme, namespace and
   * port stay ({@code http://web-stable.shop:8080} becomes {@code http://web-canary.shop:8080}).
   */
  private static String canaryService(String stableService, String canaryService) {
    int scheme = stableService.indexOf("://");
    int hostAt = scheme < 0 ? 0 : scheme + 3;
    int end = hostAt;
    while (end < stableService.length() && ".:/".indexOf(stableService.charAt(end)) < 0) {
      end++;
    }
    return stableService.substring(0, hostAt) + canaryService + stableService.substring(end);
  }

  private ObjectNode stableMapping(Rollout rollout, String name) {
    objects.requireCrd(KIND, "Emissary-ingress (Ambassador)");
    // Emissary-ingress 2 and later serve a Mapping written as getambassador.io/v2 as v3alpha1 too
    return objects.require(KIND.apiVersion(), KIND.kind(), rollout.getMetadata().getNamespace(),
        name);
  }

  private ObjectNode canaryMapping(Rollout rollout, ObjectNode stable) {
    return objects.find(KIND.apiVersion(), KIND.kind(),
        rollout.getMetadata().getNamespace(), canaryName(stable));
  }

  private static String canaryName(JsonNode stable) {
    return stable.path("metadata").path("name").asText() + "-canary";
  }

  private static List<String> names(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.ambassador.mappings;
  }
}
