package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Traefik: the weights of the stable and canary Services in a weighted TraefikService's
 * {@code spec.weighted.services}, adding the canary Service (shaped like the stable one) when it
 * is not listed. Traefik has no header or mirror routes here: it matches headers in
 * IngressRoutes and mirrors with a mirroring TraefikService, objects Ramp does not edit.
 */
final class TraefikRouter implements TrafficRouter {
  private static final RouterKind KIND = RouterKind.TRAEFIK_SERVICE;

  private final RouterObjects objects;

  TraefikRouter(RouterObjects objects) {
    this.objects = objects;
  }

  @Override
  public RouterView read(Rollout rollout) {
    ObjectNode service = traefikService(rollout);
    CanaryStrategy canary = canary(rollout);
    int stable = weightOf(entry(service, canary.stableService)
        .orElseThrow(() -> noStable(rollout)));
    int toCanary = entry(service, canary.canaryService).map(this::weightOf).orElse(0);
    int total = stable + toCanary;
    return new RouterView(total == 0 ? 0 : Math.round(100f * toCanary / total), null, null,
        Set.of());
  }

  /** The last weight of the plan is written, once, and not at all when it is already so. */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    Integer weight = WeightOnly.lastWeight(RouterCapabilities.TRAEFIK, changes);
    if (weight == null) {
      return;
    }
    ObjectNode existing = traefikService(rollout);
    ObjectNode service = existing.deepCopy();
    CanaryStrategy canary = canary(rollout);
    ObjectNode stable = entry(service, canary.stableService)
        .orElseThrow(() -> noStable(rollout));
    ObjectNode toCanary = entry(service, canary.canaryService).orElseGet(() -> {
      ObjectNode added = stable.deepCopy();
      added.put("name", canary.canaryService);
      services(service).add(added);
      return added;
    });
    stable.put("weight", 100 - weight);
    toCanary.put("weight", weight);
    if (!service.equals(existing)) {
      objects.update(service);
    }
  }

  /** The entry of {@code spec.weighted.services} for a Kubernetes Service of this name. */
  private static Optional<ObjectNode> entry(ObjectNode traefikService, String name) {
    return JsonFields.objects(traefikService.path("spec").path("weighted"), "services").stream()
        .filter(s -> name.equals(s.path("name").asText(null))
            && "Service".equals(s.path("kind").asText("Service")))
        .findFirst();
  }

  private static ArrayNode services(ObjectNode traefikService) {
    ObjectNode spec = JsonFields.object(traefikService, "spec", "the TraefikService");
    return JsonFields.list(JsonFields.object(spec, "weighted", "spec"), "services",
        "spec.weighted");
  }

  /** Traefik gives a service without a weight the weight 1. */
  private int weightOf(JsonNode entry) {
    return entry.path("weight").asInt(1);
  }

  private static RouterProblem noStable(Rollout rollout) {
    return new RouterProblem("TraefikService \"" + name(rollout) + "\" has no entry for the"
        + " stable Service \"" + canary(rollout).stableService + "\" in spec.weighted.services");
  }

  private ObjectNode traefikService(Rollout rollout) {
    objects.requireCrd(KIND, "Traefik");
    return objects.require(KIND.apiVersion(), KIND.kind(), rollout.getMetadata().getNamespace(),
        name(rollout));
  }

  private static String name(Rollout rollout) {
    return canary(rollout).trafficRouting.traefik.weightedTraefikServiceName;
  }

  private static CanaryStrategy canary(Rollout rollout) {
    return rollout.getSpec().strategy.canary;
  }
}
