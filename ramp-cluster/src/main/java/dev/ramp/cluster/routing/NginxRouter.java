package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.NginxRouting;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ingress-nginx: a canary Ingress, owned by the rollout, cloned from the stable one with its
 * backends pointed at the canary Service and the {@code canary}, {@code canary-weight} and (for
 * a header route) {@code canary-by-header} annotations. The stable Ingress is only read.
 *
 * <p>Session affinity is ingress-nginx's own cookie affinity on the canary Ingress: nginx sets
 * the cookie on the canary's responses, and with {@code affinity-canary-behavior: sticky} a
 * request carrying it goes to the canary whatever the weight.
 */
final class NginxRouter implements TrafficRouter {
  private static final String INGRESS_VERSION = "networking.k8s.io/v1";
  private static final String DEFAULT_PREFIX = "nginx.ingress.kubernetes.io";
  private static final String AFFINITY = "affinity:";
  /** The annotations of ingress-nginx's cookie affinity that Ramp writes. */
  private static final List<String> AFFINITY_ANNOTATIONS = List.of("affinity",
      "affinity-canary-behavior", "session-cookie-name", "session-cookie-max-age",
      "session-cookie-path");

  private final RouterObjects objects;

  NginxRouter(RouterObjects objects) {
    this.objects = objects;
  }

  /** What the first canary Ingress says: Ramp writes the same to each. */
  @Override
  public RouterView read(Rollout rollout) {
    String first = ingresses(rollout).get(0);
    ingresses(rollout).forEach(stable -> stableIngress(rollout, stable));
    ObjectNode canary = canaryIngress(rollout, first);
    if (canary == null) {
      return new RouterView(0, null, null, Set.of());
    }
    JsonNode annotations = canary.path("metadata").path("annotations");
    int weight = annotations.path(annotation(rollout, "canary-weight")).asInt(0);
    Set<String> routes = new LinkedHashSet<>();
    RouterObjects.managedRoutes(canary).forEach((name, how) -> {
      boolean affinityInPlace = "cookie".equals(annotations.path(annotation(rollout, "affinity"))
          .asText()) && how.equals(AFFINITY + annotations.path(annotation(rollout,
              "session-cookie-name")).asText());
      if (!how.startsWith(AFFINITY) || affinityInPlace) {
        routes.add(name);
      }
    });
    return new RouterView(weight, null, null, routes);
  }

  /**
   * Each canary Ingress carries the weight and the header route: the changes are made to it in
   * memory, and it is written once (created if need be), or not at all when they change nothing.
   */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    for (String stable : ingresses(rollout)) {
      apply(rollout, stable, changes);
    }
  }

  private void apply(Rollout rollout, String stableName, List<Action.RouteChange> changes) {
    ObjectNode existing = canaryIngress(rollout, stableName);
    ObjectNode canary = existing == null ? null : existing.deepCopy();
    for (Action.RouteChange change : changes) {
      if (change instanceof Action.SetTrafficWeight weight) {
        canary = cloneOfStable(rollout, stableName, canary);
        annotations(canary).put(annotation(rollout, "canary-weight"),
            Integer.toString(weight.weight()));
        setWeightTotal(rollout, annotations(canary));
      } else if (change instanceof Action.SetHeaderRoute route) {
        canary = canary != null ? canary : cloneOfStable(rollout, stableName, null);
        setHeaderRoute(rollout, canary, route.name(), route.match());
      } else if (change instanceof Action.SetMirrorRoute) {
        throw new RouterProblem(RouterCapabilities.NGINX.mirrorRouteRefusal());
      } else if (change instanceof Action.SetExtraWeights extras) {
        if (!extras.weights().isEmpty()) {
          throw RouterProblem.extraRefused(RouterCapabilities.NGINX.label);
        }
      } else if (change instanceof Action.SetSessionAffinity affinity) {
        canary = canary != null ? canary : cloneOfStable(rollout, stableName, null);
        setSessionAffinity(rollout, canary, affinity);
      } else if (change instanceof Action.RemoveRoute route && canary != null) {
        Map<String, String> managed = RouterObjects.managedRoutes(canary);
        String how = managed.remove(route.name());
        boolean affinity = how != null && how.startsWith(AFFINITY);
        if (!affinity) {
          clearHeader(rollout, annotations(canary));
        }
        RouterObjects.setManagedRoutes(canary, managed);
        if (affinity) {
          // the affinity annotations go back to the stable Ingress' own
          canary = cloneOfStable(rollout, stableName, canary);
        }
      } else if (!(change instanceof Action.RemoveRoute)) {
        throw new IllegalArgumentException("unknown route change " + change);
      }
    }
    if (existing == null && canary != null) {
      objects.create(canary);
    } else if (canary != null && changesWhatRampManages(existing, canary)) {
      objects.update(canary);
    }
  }

  /** The total the weight is out of: ingress-nginx's default, 100, unless maxTrafficWeight. */
  private static void setWeightTotal(Rollout rollout, ObjectNode annotations) {
    Integer total = rollout.getSpec().strategy.canary.trafficRouting.maxTrafficWeight;
    if (total == null) {
      annotations.remove(annotation(rollout, "canary-weight-total"));
    } else {
      annotations.put(annotation(rollout, "canary-weight-total"), total.toString());
    }
  }

  private void setHeaderRoute(Rollout rollout, ObjectNode canary, String name,
      List<HeaderMatch> match) {
    ObjectNode annotations = annotations(canary);
    clearHeader(rollout, annotations);
    HeaderMatch header = match.get(0);
    annotations.put(annotation(rollout, "canary-by-header"), header.headerName);
    if (header.headerValue.regex != null) {
      annotations.put(annotation(rollout, "canary-by-header-pattern"), header.headerValue.regex);
    } else {
      annotations.put(annotation(rollout, "canary-by-header-value"), header.headerValue.exact);
    }
    Map<String, String> managed = RouterObjects.managedRoutes(canary);
    managed.values().removeIf("header"::equals);
    managed.put(name, "header");
    RouterObjects.setManagedRoutes(canary, managed);
  }

  private static void setSessionAffinity(Rollout rollout, ObjectNode canary,
      Action.SetSessionAffinity affinity) {
    ObjectNode annotations = annotations(canary);
    annotations.put(annotation(rollout, "affinity"), "cookie");
    annotations.put(annotation(rollout, "affinity-canary-behavior"), "sticky");
    annotations.put(annotation(rollout, "session-cookie-name"), affinity.cookieName());
    annotations.put(annotation(rollout, "session-cookie-max-age"),
        Integer.toString(affinity.maxAge()));
    annotations.put(annotation(rollout, "session-cookie-path"), "/");
    Map<String, String> managed = RouterObjects.managedRoutes(canary);
    managed.put(affinity.name(), AFFINITY + affinity.cookieName());
    RouterObjects.setManagedRoutes(canary, managed);
  }

  /** Ramp writes the canary Ingress' annotations and spec; the API server keeps the rest. */
  private static boolean changesWhatRampManages(ObjectNode before, ObjectNode after) {
    return !before.path("metadata").path("annotations")
        .equals(after.path("metadata").path("annotations"))
        || !before.path("spec").equals(after.path("spec"));
  }

  /**
   * The canary Ingress as it should be: the stable one's rules and TLS with the canary Service as
   * backend, the stable one's annotations, and the canary annotations Ramp keeps there.
   */
  private ObjectNode cloneOfStable(Rollout rollout, String stableName, ObjectNode existing) {
    ObjectNode stable = stableIngress(rollout, stableName);
    ObjectNode canary = RouterObjects.object();
    canary.put("apiVersion", INGRESS_VERSION).put("kind", "Ingress");
    ObjectNode metadata = canary.putObject("metadata");
    metadata.put("name", canaryName(rollout, stableName));
    metadata.put("namespace", rollout.getMetadata().getNamespace());
    metadata.putArray("ownerReferences").add(RouterObjects.ownedBy(rollout));
    ObjectNode annotations = metadata.putObject("annotations");
    stable.path("metadata").path("annotations").fields().forEachRemaining(a -> {
      if (!a.getKey().startsWith(annotation(rollout, "canary"))
          && !a.getKey().equals("kubectl.kubernetes.io/last-applied-configuration")) {
        annotations.set(a.getKey(), a.getValue());
      }
    });
    if (existing != null) {
      metadata.put("resourceVersion", existing.path("metadata").path("resourceVersion").asText());
      boolean affinity = RouterObjects.managedRoutes(existing).values().stream()
          .anyMatch(how -> how.startsWith(AFFINITY));
      existing.path("metadata").path("annotations").fields().forEachRemaining(a -> {
        if (a.getKey().startsWith(annotation(rollout, "canary"))
            || a.getKey().equals(RouterObjects.MANAGED_ROUTES)
            || affinity && AFFINITY_ANNOTATIONS.stream()
                .anyMatch(key -> a.getKey().equals(annotation(rollout, key)))) {
          annotations.set(a.getKey(), a.getValue());
        }
      });
    }
    additionalAnnotations(rollout).forEach(annotations::put);
    annotations.put(annotation(rollout, "canary"), "true");
    ObjectNode spec = stable.path("spec").deepCopy();
    pointAt(spec, rollout.getSpec().strategy.canary);
    canary.set("spec", spec);
    return canary;
  }

  private static ObjectNode annotations(ObjectNode ingress) {
    return JsonFields.object(JsonFields.object(ingress, "metadata", "the canary Ingress"),
        "annotations", "metadata");
  }

  /** Points every backend of the stable Service at the canary Service. */
  private static void pointAt(JsonNode node, CanaryStrategy canary) {
    if (node.isObject()) {
      if (node.get("service") instanceof ObjectNode service
          && canary.stableService.equals(service.path("name").asText())) {
        service.put("name", canary.canaryService);
      }
      node.elements().forEachRemaining(child -> pointAt(child, canary));
    } else if (node.isArray()) {
      node.forEach(child -> pointAt(child, canary));
    }
  }

  private void clearHeader(Rollout rollout, ObjectNode annotations) {
    for (Iterator<String> it = annotations.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith(annotation(rollout, "canary-by-header"))) {
        it.remove();
      }
    }
  }

  /**
   * additionalIngressAnnotations as Argo Rollouts writes them: each key under the annotation
   * prefix unless it starts with it.
   */
  private static Map<String, String> additionalAnnotations(Rollout rollout) {
    Map<String, String> additional = routing(rollout).additionalIngressAnnotations;
    Map<String, String> annotations = new LinkedHashMap<>();
    String prefix = annotation(rollout, "");
    if (additional != null) {
      additional.forEach((key, value) -> annotations.put(
          key.startsWith(prefix) ? key : prefix + key, value));
    }
    return annotations;
  }

  private static List<String> ingresses(Rollout rollout) {
    List<String> ingresses = routing(rollout).ingresses();
    if (ingresses.isEmpty()) {
      throw new RouterProblem("trafficRouting.nginx must set stableIngress or stableIngresses");
    }
    return ingresses;
  }

  private ObjectNode stableIngress(Rollout rollout, String name) {
    return objects.require(INGRESS_VERSION, "Ingress", rollout.getMetadata().getNamespace(),
        name);
  }

  private ObjectNode canaryIngress(Rollout rollout, String stableName) {
    return objects.find(INGRESS_VERSION, "Ingress", rollout.getMetadata().getNamespace(),
        canaryName(rollout, stableName));
  }

  /** A canary Ingress' name: {@code <rollout>-<stable ingress>-canary}. */
  private static String canaryName(Rollout rollout, String stableName) {
    return rollout.getMetadata().getName() + "-" + stableName + "-canary";
  }

  private static String annotation(Rollout rollout, String name) {
    String prefix = routing(rollout).annotationPrefix;
    return (prefix == null ? DEFAULT_PREFIX : prefix) + "/" + name;
  }

  private static NginxRouting routing(Rollout rollout) {
    return rollout.getSpec().strategy.canary.trafficRouting.nginx;
  }
}
