package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.ManagedRoute;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.List;
import java.util.Optional;

/**
 * Istio: weights on a VirtualService's HTTP, TCP and TLS routes ({@link IstioRoutes}, edited by
 * the {@link RouteTableEditor}), between the stable and canary Services (host-based) or between
 * two subsets of a DestinationRule that Ramp pins to the revisions (subset-based).
 */
final class IstioRouter implements TrafficRouter {
  private static final RouterKind VS = RouterKind.VIRTUAL_SERVICE;
  private static final RouterKind DR = RouterKind.DESTINATION_RULE;

  private final RouterObjects objects;

  IstioRouter(RouterObjects objects) {
    this.objects = objects;
  }

  /** What the first VirtualService says: Ramp writes the same to each. */
  @Override
  public RouterView read(Rollout rollout) {
    IstioRouting.VirtualServiceRef first = virtualServices(rollout).get(0);
    virtualServices(rollout).forEach(ref -> virtualService(rollout, ref));
    ObjectNode service = virtualService(rollout, first);
    RouteTableEditor editor = editor(rollout, first);
    int weight = editor.weight(service);
    String stableHash = null;
    String canaryHash = null;
    IstioRouting.DestinationRuleRef rule = routing(rollout).destinationRule;
    if (rule != null) {
      ObjectNode destinationRule = destinationRule(rollout);
      stableHash = subsetHash(destinationRule, rule.stableSubsetName);
      canaryHash = subsetHash(destinationRule, rule.canarySubsetName);
    }
    return new RouterView(weight, stableHash, canaryHash, editor.routes(service));
  }

  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    IstioRouting.DestinationRuleRef rule = routing(rollout).destinationRule;
    Optional<Action.SetTrafficWeight> pinned = changes.stream()
        .filter(Action.SetTrafficWeight.class::isInstance).map(Action.SetTrafficWeight.class::cast)
        .filter(weight -> weight.stableHash() != null).reduce((first, last) -> last);
    if (rule != null && pinned.isPresent()) {
      ObjectNode destinationRule = destinationRule(rollout);
      ObjectNode before = destinationRule.deepCopy();
      pinSubset(destinationRule, rule.stableSubsetName, pinned.get().stableHash());
      pinSubset(destinationRule, rule.canarySubsetName, pinned.get().canaryHash());
      if (!destinationRule.equals(before)) {
        objects.update(destinationRule);
      }
    }
    for (IstioRouting.VirtualServiceRef ref : virtualServices(rollout)) {
      ObjectNode service = virtualService(rollout, ref);
      if (editor(rollout, ref).apply(service, changes)) {
        objects.update(service);
      }
    }
  }

  private static RouteTableEditor editor(Rollout rollout, IstioRouting.VirtualServiceRef ref) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    RouterCapabilities capabilities = ref.weighsHttpRoutes() ? RouterCapabilities.ISTIO
        : RouterCapabilities.ISTIO_TCP_TLS;
    return new RouteTableEditor(new IstioRoutes(routing(rollout), ref, capabilities,
        canary.stableService, canary.canaryService),
        ManagedRoute.names(canary.trafficRouting.managedRoutes));
  }

  private static List<IstioRouting.VirtualServiceRef> virtualServices(Rollout rollout) {
    List<IstioRouting.VirtualServiceRef> refs = routing(rollout).allVirtualServices();
    if (refs.isEmpty()) {
      throw new RouterProblem("trafficRouting.istio must set virtualService or virtualServices");
    }
    return refs;
  }

  private static String subsetHash(ObjectNode destinationRule, String subset) {
    return subset(destinationRule, subset).map(found -> found.path("labels")
        .path(RampLabels.POD_TEMPLATE_HASH).asText(null)).orElse(null);
  }

  private static void pinSubset(ObjectNode destinationRule, String subset, String hash) {
    ObjectNode found = subset(destinationRule, subset).orElseThrow(() -> new RouterProblem(
        "DestinationRule \"" + destinationRule.path("metadata").path("name").asText()
            + "\" has no subset \"" + subset + "\""));
    JsonFields.object(found, "labels", "subset \"" + subset + "\"")
        .put(RampLabels.POD_TEMPLATE_HASH, hash);
  }

  private static Optional<ObjectNode> subset(ObjectNode destinationRule, String name) {
    return JsonFields.objects(destinationRule.path("spec"), "subsets").stream()
        .filter(subset -> name.equals(subset.path("name").asText(null))).findFirst();
  }

  private ObjectNode virtualService(Rollout rollout, IstioRouting.VirtualServiceRef ref) {
    objects.requireCrd(VS, "Istio");
    return objects.require(VS.apiVersion(), VS.kind(), rollout.getMetadata().getNamespace(),
        ref.name);
  }

  private ObjectNode destinationRule(Rollout rollout) {
    objects.requireCrd(DR, "Istio");
    return objects.require(DR.apiVersion(), DR.kind(), rollout.getMetadata().getNamespace(),
        routing(rollout).destinationRule.name);
  }

  private static IstioRouting routing(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.istio;
  }
}
