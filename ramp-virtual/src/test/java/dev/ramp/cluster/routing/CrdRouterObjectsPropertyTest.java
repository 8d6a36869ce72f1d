package dev.ramp.cluster.routing;

import static dev.ramp.cluster.routing.GeneratedCrdRouterObjects.CANARY;
import static dev.ramp.cluster.routing.GeneratedCrdRouterObjects.STABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.AmbassadorRouting;
import dev.ramp.api.routing.ContourRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.TraefikRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.engine.Action;
import dev.ramp.engine.Fixtures;
import dev.ramp.virtual.InMemoryObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Over hundreds of generated TraefikServices, HTTPProxies and Mappings, through the routers on
 * an in-memory cluster: header routes (and mirrors, but for Contour's) are refused without a
 * write, weights read back, and once the weight is back to 0 every object is as it began apart
 * from the weights Ramp owns and the canary Service it added; every other field, known or not,
 * in the same place and order.
 */
class CrdRouterObjectsPropertyTest {
  private static final int OBJECTS = 300;
  private static final Action.RouteChange HEADER_ROUTE =
      new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1")));

  @Test
  void traefikServicesEndAsTheyBegan() {
    Random random = new Random(16);
    GeneratedCrdRouterObjects generate = new GeneratedCrdRouterObjects(random);
    TrafficRouting routing = new TrafficRouting();
    routing.traefik = new TraefikRouting();
    routing.traefik.weightedTraefikServiceName = "app";
    for (int i = 0; i < OBJECTS; i++) {
      ObjectNode original = generate.traefikService();
      Routed routed = new Routed(routing, original, RouterKind.TRAEFIK_SERVICE);
      String why = "object " + i + ": " + original;

      routed.refuses(HEADER_ROUTE, why);
      routed.refuses(new Action.SetMirrorRoute("shadow", 10, List.of()), why);
      routed.weighs(1 + random.nextInt(99), why);
      routed.weighs(1 + random.nextInt(99), why);
      routed.weighs(0, why);

      Predicate<JsonNode> isService = entry -> "Service".equals(entry.path("kind")
          .asText("Service"));
      assertThat(withoutRamps(routed.stored(), List.of("weighted"), isService)).as(why)
          .isEqualTo(withoutRamps(original, List.of("weighted"), isService));
    }
  }

  @Test
  void httpProxiesEndAsTheyBegan() {
    Random random = new Random(17);
    GeneratedCrdRouterObjects generate = new GeneratedCrdRouterObjects(random);
    TrafficRouting routing = new TrafficRouting();
    routing.contour = new ContourRouting();
    routing.contour.httpProxies = List.of("app");
    for (int i = 0; i < OBJECTS; i++) {
      ObjectNode original = generate.httpProxy();
      Routed routed = new Routed(routing, original, RouterKind.HTTP_PROXY);
      String why = "object " + i + ": " + original;

      routed.refuses(HEADER_ROUTE, why);
      // a mirror step may come before any weight step
      if (random.nextBoolean()) {
        routed.weighs(1 + random.nextInt(99), why);
      }
      int percent = random.nextInt(101);
      Action.RouteChange mirror = new Action.SetMirrorRoute("shadow", percent, List.of());
      boolean mirrored = weighedRoutes(original).stream().allMatch(route -> mirrors(route) == null);
      if (mirrored) {
        routed.router.apply(routed.rollout, List.of(mirror));
        assertThat(routed.router.read(routed.rollout).routes()).as(why).containsExactly("shadow");
      } else {
        routed.refuses(mirror, why);
      }
      routed.weighs(1 + random.nextInt(99), why);
      for (JsonNode route : mirrored ? weighedRoutes(routed.stored()) : List.<JsonNode>of()) {
        if (percent == 0) {
          assertThat(mirrors(route)).as(why + ": Contour mirrors every request without a weight")
              .isNull();
          continue;
        }
        assertThat(mirrors(route)).as(why).isNotNull();
        assertThat(mirrors(route).path("name").asText()).as(why).isEqualTo(CANARY);
        assertThat(mirrors(route).path("weight").asInt()).as(why).isEqualTo(percent);
      }
      routed.router.apply(routed.rollout, List.of(new Action.SetTrafficWeight(0, null, null),
          new Action.RemoveRoute("shadow")));
      assertThat(routed.router.read(routed.rollout).canaryWeight()).as(why).isZero();
      assertThat(routed.router.read(routed.rollout).routes()).as(why).isEmpty();

      Predicate<JsonNode> served = service -> !service.path("mirror").asBoolean(false);
      assertThat(withoutRamps(routed.stored(), List.of("routes"), served)).as(why)
          .isEqualTo(withoutRamps(original, List.of("routes"), served));
    }
  }

  @Test
  void mappingsGetACanaryMappingLikeThemThatGoesAtWeightZero() {
    Random random = new Random(18);
    GeneratedCrdRouterObjects generate = new GeneratedCrdRouterObjects(random);
    TrafficRouting routing = new TrafficRouting();
    routing.ambassador = new AmbassadorRouting();
    routing.ambassador.mappings = List.of("app");
    for (int i = 0; i < OBJECTS; i++) {
      String service = generate.mappingService();
      ObjectNode original = generate.mapping(service.formatted(STABLE));
      Routed routed = new Routed(routing, original, RouterKind.MAPPING);
      ObjectKey canaryKey = new ObjectKey(RouterKind.MAPPING.apiVersion(), "Mapping", "default",
          "app-canary");
      String why = "object " + i + ": " + original;

      routed.refuses(HEADER_ROUTE, why);
      routed.refuses(new Action.SetMirrorRoute("shadow", 10, List.of()), why);
      for (int weight : List.of(1 + random.nextInt(100), 1 + random.nextInt(100))) {
        routed.weighs(weight, why);
        ObjectNode canary = routed.objects.get(canaryKey);
        ObjectNode spec = original.path("spec").deepCopy();
        spec.put("service", service.formatted(CANARY)).put("weight", weight);
        assertThat(canary.path("spec")).as(why).isEqualTo(spec);
        assertThat(canary.path("metadata").path("labels")).as(why)
            .isEqualTo(original.path("metadata").path("labels"));
        ObjectNode annotations = original.path("metadata").get("annotations")
            instanceof ObjectNode written ? written.deepCopy() : original.objectNode();
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        assertThat(canary.path("metadata").path("annotations")).as(why)
            .isEqualTo(annotations.isEmpty() ? canary.missingNode() : annotations);
      }
      routed.weighs(0, why);

      assertThat(routed.objects.get(canaryKey)).as(why).isNull();
      assertThat(withoutWriteCounters(routed.stored())).as(why)
          .isEqualTo(withoutWriteCounters(original));
    }
  }

  /** One generated object in an in-memory cluster, and a rollout routed to it. */
  private static final class Routed {
    final InMemoryObjects objects = new InMemoryObjects();
    final Rollout rollout = Fixtures.rollout("app", 2, "demo:v1");
    final TrafficRouter router;
    final ObjectKey key;

    Routed(TrafficRouting routing, ObjectNode object, RouterKind kind) {
      objects.installCrd(kind.crdName());
      objects.put(object);
      key = ObjectKey.of(object);
      rollout.getSpec().strategy.canary.stableService = STABLE;
      rollout.getSpec().strategy.canary.canaryService = CANARY;
      rollout.getSpec().strategy.canary.trafficRouting = routing;
      router = TrafficRouters.of(objects, rollout).orElseThrow();
    }

    ObjectNode stored() {
      return objects.get(key);
    }

    /** The change is refused with a problem the user is shown, and nothing is written. */
    void refuses(Action.RouteChange change, String why) {
      ObjectNode before = stored();
      assertThatThrownBy(() -> router.apply(rollout, List.of(change))).as(why)
          .isInstanceOf(RouterProblem.class);
      assertThat(stored()).as(why).isEqualTo(before);
    }

    void weighs(int weight, String why) {
      router.apply(rollout, List.of(new Action.SetTrafficWeight(weight, null, null)));
      assertThat(router.read(rollout).canaryWeight()).as(why).isEqualTo(weight);
    }
  }

  /** The routes of an HTTPProxy with a service (not a mirror) to the stable Service. */
  private static List<JsonNode> weighedRoutes(JsonNode proxy) {
    List<JsonNode> weighed = new ArrayList<>();
    for (JsonNode route : proxy.path("spec").path("routes")) {
      for (JsonNode service : route.path("services")) {
        if (STABLE.equals(service.path("name").asText())
            && !service.path("mirror").asBoolean(false)) {
          weighed.add(route);
          break;
        }
      }
    }
    return weighed;
  }

  /** A route's mirror service, or null. */
  private static JsonNode mirrors(JsonNode route) {
    for (JsonNode service : route.path("services")) {
      if (service.path("mirror").asBoolean(false)) {
        return service;
      }
    }
    return null;
  }

  /**
   * A copy of the object without what Ramp owns: in the lists of services under each of
   * {@code sections} of the spec, the stable and canary services {@code owned} accepts lose
   * their weight, and canary services go.
   */
  private static ObjectNode withoutRamps(ObjectNode object, List<String> sections,
      Predicate<JsonNode> owned) {
    ObjectNode copy = withoutWriteCounters(object);
    for (String section : sections) {
      JsonNode node = copy.path("spec").path(section);
      for (JsonNode holder : node.isArray() ? node : List.of(node)) {
        if (holder.get("services") instanceof ArrayNode services) {
          for (int i = services.size() - 1; i >= 0; i--) {
            JsonNode service = services.get(i);
            String name = service.path("name").asText();
            if (owned.test(service) && name.equals(CANARY)) {
              services.remove(i);
            } else if (owned.test(service) && name.equals(STABLE)) {
              ((ObjectNode) service).remove("weight");
            }
          }
        }
      }
    }
    return copy;
  }

  /** The object without the resourceVersion and generation that count its writes. */
  private static ObjectNode withoutWriteCounters(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    ((ObjectNode) copy.get("metadata")).remove(List.of("resourceVersion", "generation"));
    return copy;
  }
}
