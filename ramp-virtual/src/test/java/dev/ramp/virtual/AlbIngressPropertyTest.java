package dev.ramp.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.TrafficRouter;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.engine.Action;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over hundreds of generated AWS Load Balancer Controller Ingresses (rules with and without
 * hosts, paths to other Services and other actions, other actions' and conditions'
 * annotations, an old action of the rollout's, optional fields absent, fields newer than any
 * schema): weigh, add a header route, weigh again, remove it and go back to weight 0. The
 * weight and route read back at each step, and the Ingress ends as it began apart from the
 * action of the rollout, which forwards all to stable.
 */
class AlbIngressPropertyTest {
  private static final int INGRESSES = 300;
  private static final String PREFIX = "alb.ingress.kubernetes.io/";
  private static final String ACTION = PREFIX + "actions.app-stable";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectKey KEY = new ObjectKey("networking.k8s.io/v1", "Ingress",
      "default", "app");

  @Test
  void rampChangesOnlyItsOwnActionAndTheHeaderRouteItAdds() {
    for (int seed = 0; seed < INGRESSES; seed++) {
      Random random = new Random(seed);
      InMemoryObjects objects = new InMemoryObjects();
      ObjectNode original = objects.create(new GeneratedIngress(random).ingress());
      Rollout rollout = rollout();
      TrafficRouter router = TrafficRouters.of(objects, rollout).orElseThrow();
      String at = "seed " + seed + ": " + original;

      int weight = 1 + random.nextInt(99);
      router.apply(rollout, List.of(new Action.SetTrafficWeight(weight, "v1", "v2"),
          new Action.SetHeaderRoute("beta", matches(random))));
      assertThat(router.read(rollout).canaryWeight()).as(at).isEqualTo(weight);
      assertThat(router.read(rollout).routes()).as(at).containsExactly("beta");
      assertHeaderPathBeforeEachRootPath(objects.get(KEY), at);

      router.apply(rollout, List.of(new Action.SetTrafficWeight(100 - weight, "v1", "v2")));
      assertThat(router.read(rollout).canaryWeight()).as(at).isEqualTo(100 - weight);

      router.apply(rollout, List.of(new Action.SetTrafficWeight(0, "v1", "v2"),
          new Action.RemoveRoute("beta")));
      assertThat(router.read(rollout).canaryWeight()).as(at).isZero();
      assertThat(router.read(rollout).routes()).as(at).isEmpty();

      ObjectNode after = objects.get(KEY);
      assertThat(after.path("metadata").path("annotations").path(ACTION).asText())
          .as(at).isEqualTo("{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":["
              + "{\"ServiceName\":\"app-canary\",\"ServicePort\":\"443\",\"Weight\":0},"
              + "{\"ServiceName\":\"app-stable\",\"ServicePort\":\"443\",\"Weight\":100}]}}");
      assertThat(withoutRampsAction(after)).as(at).isEqualTo(withoutRampsAction(original));
    }
  }

  private static void assertHeaderPathBeforeEachRootPath(ObjectNode ingress, String at) {
    for (JsonNode rule : ingress.path("spec").path("rules")) {
      JsonNode paths = rule.path("http").path("paths");
      for (int i = 0; i < paths.size(); i++) {
        if (service(paths.get(i)).equals("app-stable")) {
          assertThat(i).as(at).isPositive();
          assertThat(service(paths.get(i - 1))).as(at).isEqualTo("beta");
          ObjectNode expected = paths.get(i).deepCopy();
          ((ObjectNode) expected.path("backend")).putObject("service").put("name", "beta")
              .putObject("port").put("name", "use-annotation");
          assertThat(paths.get(i - 1)).as(at).isEqualTo(expected);
        }
      }
    }
  }

  private static String service(JsonNode path) {
    return path.path("backend").path("service").path("name").asText();
  }

  /**
   * The Ingress without the action Ramp owns, and the resourceVersion and generation that count
   * writes.
   */
  private static ObjectNode withoutRampsAction(ObjectNode ingress) {
    ObjectNode copy = ingress.deepCopy();
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    metadata.remove("resourceVersion");
    metadata.remove("generation");
    if (metadata.get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(ACTION);
      if (annotations.isEmpty()) {
        metadata.remove("annotations");
      }
    }
    return copy;
  }

  private static List<HeaderMatch> matches(Random random) {
    List<HeaderMatch> matches = new ArrayList<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      HeaderMatch match = new HeaderMatch("x-header-" + i, "v" + random.nextInt(9));
      if (random.nextBoolean()) {
        match.headerValue.prefix = match.headerValue.exact;
        match.headerValue.exact = null;
      }
      matches.add(match);
    }
    return matches;
  }

  private static Rollout rollout() {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("default")
        .withUid("uid-app").build());
    rollout.setSpec(new RolloutSpec());
    rollout.getSpec().strategy = new RolloutStrategy();
    CanaryStrategy canary = new CanaryStrategy();
    canary.stableService = "app-stable";
    canary.canaryService = "app-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.alb = new AlbRouting();
    canary.trafficRouting.alb.ingress = "app";
    canary.trafficRouting.alb.servicePort = 443;
    rollout.getSpec().strategy.canary = canary;
    return rollout;
  }

  /** Ingresses as AWS Load Balancer Controller users write them, built at random. */
  private static final class GeneratedIngress {
    private final Random random;
    private int unknown;

    GeneratedIngress(Random random) {
      this.random = random;
    }

    ObjectNode ingress() {
      ObjectNode ingress = JSON.createObjectNode().put("apiVersion", "networking.k8s.io/v1")
          .put("kind", "Ingress");
      ObjectNode metadata = ingress.putObject("metadata").put("name", "app")
          .put("namespace", "default");
      maybe(() -> metadata.putObject("labels").put("team", "shop"));
      ObjectNode annotations = JSON.createObjectNode();
      maybe(() -> annotations.put(PREFIX + "scheme", "internet-facing"));
      maybe(() -> annotations.put(PREFIX + "group.name", "shop"));
      maybe(() -> annotations.put(PREFIX + "actions.ssl-redirect", "{\"Type\": \"redirect\","
          + " \"RedirectConfig\": {\"Protocol\": \"HTTPS\", \"StatusCode\": \"HTTP_301\"}}"));
      maybe(() -> annotations.put(PREFIX + "actions.other", "{\"Type\":\"forward\","
          + "\"ForwardConfig\":{\"TargetGroups\":[{\"ServiceName\":\"other\","
          + "\"ServicePort\":\"80\",\"Weight\":" + random.nextInt(100) + "}]}}"));
      maybe(() -> annotations.put(PREFIX + "conditions.other",
          "[{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Key\":\"v\","
              + "\"Value\":\"2\"}]}}]"));
      maybe(() -> annotations.put(ACTION, random.nextBoolean() ? "not json"
          : "{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":[{\"ServiceName\":"
              + "\"app-stable\",\"ServicePort\":\"443\"}]}}"));
      if (!annotations.isEmpty() || random.nextBoolean()) {
        metadata.set("annotations", annotations);
      }
      extra(metadata);
      ObjectNode spec = ingress.putObject("spec");
      maybe(() -> spec.put("ingressClassName", "alb"));
      maybe(() -> spec.putArray("tls").addObject().putArray("hosts").add("app.example.com"));
      extra(spec);
      ArrayNode rules = spec.putArray("rules");
      int count = 1 + random.nextInt(3);
      int toRoot = random.nextInt(count);
      for (int i = 0; i < count; i++) {
        rules.add(rule(i == toRoot || random.nextInt(3) == 0));
      }
      maybe(() -> ingress.putObject("status").putObject("loadBalancer").putArray("ingress")
          .addObject().put("hostname", "k8s-shop.elb.amazonaws.com"));
      return ingress;
    }

    private ObjectNode rule(boolean toRoot) {
      ObjectNode rule = JSON.createObjectNode();
      maybe(() -> rule.put("host", "h" + random.nextInt(3) + ".example.com"));
      extra(rule);
      ArrayNode paths = rule.putObject("http").putArray("paths");
      for (int i = random.nextInt(3); i > 0; i--) {
        paths.add(path("other-" + random.nextInt(3), random.nextBoolean()));
      }
      if (toRoot) {
        paths.insert(random.nextInt(paths.size() + 1), path("app-stable", true));
      }
      return rule;
    }

    private ObjectNode path(String service, boolean useAnnotation) {
      ObjectNode path = JSON.createObjectNode();
      maybe(() -> path.put("path", "/p" + random.nextInt(4)));
      path.put("pathType", random.nextBoolean() ? "Prefix" : "ImplementationSpecific");
      ObjectNode backend = path.putObject("backend").putObject("service").put("name", service);
      if (useAnnotation) {
        backend.putObject("port").put("name", "use-annotation");
      } else {
        backend.putObject("port").put("number", 8080);
      }
      extra(path);
      return path;
    }

    /** A field newer than any schema, somewhere Ramp must keep it. */
    private void extra(ObjectNode node) {
      maybe(() -> node.putObject("x-future-" + unknown++).put("kept", true));
    }

    private void maybe(Runnable add) {
      if (random.nextBoolean()) {
        add.run();
      }
    }
  }
}
