package dev.ramp.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.SkipperRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.TrafficRouter;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.engine.Action;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over hundreds of generated Ingresses as Skipper's users write them (several rules and paths,
 * paths to other Services, Skipper's own filters and predicates, optional fields absent, fields
 * newer than any schema): weigh, weigh again, go back to 0. The weight reads back at each step,
 * the user's Ingress is never changed, and the canary Ingress is the user's with each path to
 * the root Service split into one to the stable and one to the canary Service.
 */
class SkipperIngressPropertyTest {
  private static final int INGRESSES = 300;
  private static final String PREDICATE = GeneratedIngress.SKIPPER + "skipper-predicate";
  private static final ObjectKey USERS = new ObjectKey("networking.k8s.io/v1", "Ingress",
      "default", "app");
  private static final ObjectKey CANARY = new ObjectKey("networking.k8s.io/v1", "Ingress",
      "default", "app-app-canary");

  @Test
  void theCanaryIngressSplitsEachRootPathAndTheUsersIngressIsNeverChanged() {
    for (int seed = 0; seed < INGRESSES; seed++) {
      Random random = new Random(seed);
      InMemoryObjects objects = new InMemoryObjects();
      ObjectNode original = objects.create(
          new GeneratedIngress(random, GeneratedIngress.Controller.SKIPPER).ingress());
      Rollout rollout = rollout();
      TrafficRouter router = TrafficRouters.of(objects, rollout).orElseThrow();
      String at = "seed " + seed + ": " + original;

      for (int weight : List.of(1 + random.nextInt(99), 1 + random.nextInt(99), 0)) {
        router.apply(rollout, List.of(new Action.SetTrafficWeight(weight, "v1", "v2")));

        assertThat(router.read(rollout).canaryWeight()).as(at).isEqualTo(weight);
        assertThat(objects.get(USERS)).as(at).isEqualTo(original);
        ObjectNode canary = objects.get(CANARY);
        assertThat(canary.path("spec")).as(at).isEqualTo(split(original.path("spec")));
        JsonNode annotations = canary.path("metadata").path("annotations");
        String users = original.path("metadata").path("annotations").path(PREDICATE)
            .asText("");
        assertThat(annotations.path(PREDICATE).asText()).as(at).isEqualTo(
            (weight == 0 ? "False()" : "Weight(100)") + (users.isEmpty() ? "" : " && " + users));
        assertThat(annotations.has("kubectl.kubernetes.io/last-applied-configuration"))
            .as(at).isFalse();
        assertThat(canary.path("metadata").path("ownerReferences").path(0).path("uid").asText())
            .as(at).isEqualTo("uid-app");
      }
    }
  }

  /** What the canary Ingress' spec must be, written independently of the router. */
  private static JsonNode split(JsonNode userSpec) {
    ObjectNode spec = userSpec.deepCopy();
    for (JsonNode rule : spec.path("rules")) {
      if (rule.path("http").path("paths") instanceof ArrayNode paths) {
        for (int i = paths.size() - 1; i >= 0; i--) {
          JsonNode service = paths.get(i).path("backend").path("service");
          if ("app-stable".equals(service.path("name").asText())) {
            ObjectNode toCanary = paths.get(i).deepCopy();
            ((ObjectNode) toCanary.path("backend").path("service")).put("name", "app-canary");
            paths.insert(i + 1, toCanary);
          }
        }
      }
    }
    return spec;
  }

  private static Rollout rollout() {
    TrafficRouting routing = new TrafficRouting();
    routing.skipper = new SkipperRouting();
    routing.skipper.ingress = "app";
    return GeneratedIngress.rollout(routing);
  }
}
