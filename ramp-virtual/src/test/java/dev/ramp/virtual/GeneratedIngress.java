package dev.ramp.virtual;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.routing.TrafficRouting;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Random;

/**
 * Ingresses {@code default/app} as the users of an ingress controller write them, built at
 * random: rules with and without hosts, paths to other Services, the controller's own
 * annotations, optional fields absent and fields newer than any schema. One rule at least has
 * a path to the Service {@code app-stable}.
 */
final class GeneratedIngress {
  static final String ALB = "alb.ingress.kubernetes.io/";
  static final String SKIPPER = "zalando.org/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whose users write the Ingress: their annotations, and how a path names the root port. */
  enum Controller { ALB, SKIPPER }

  private final Random random;
  private final Controller controller;
  private int unknown;

  GeneratedIngress(Random random, Controller controller) {
    this.random = random;
    this.controller = controller;
  }

  ObjectNode ingress() {
    ObjectNode ingress = JSON.createObjectNode().put("apiVersion", "networking.k8s.io/v1")
        .put("kind", "Ingress");
    ObjectNode metadata = ingress.putObject("metadata").put("name", "app")
        .put("namespace", "default");
    maybe(() -> metadata.putObject("labels").put("team", "shop"));
    ObjectNode annotations = JSON.createObjectNode();
    if (controller == Controller.ALB) {
      albAnnotations(annotations);
    } else {
      maybe(() -> annotations.put(SKIPPER + "skipper-filter", "ratelimit(20, \"1m\")"));
      maybe(() -> annotations.put(SKIPPER + "skipper-predicate", "Header(\"X-Team\", \"a\")"));
      maybe(() -> annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{}"));
    }
    if (!annotations.isEmpty() || random.nextBoolean()) {
      metadata.set("annotations", annotations);
    }
    extra(metadata);
    ObjectNode spec = ingress.putObject("spec");
    maybe(() -> spec.put("ingressClassName", controller == Controller.ALB ? "alb" : "skipper"));
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

  private void albAnnotations(ObjectNode annotations) {
    maybe(() -> annotations.put(ALB + "scheme", "internet-facing"));
    maybe(() -> annotations.put(ALB + "group.name", "shop"));
    maybe(() -> annotations.put(ALB + "actions.ssl-redirect", "{\"Type\": \"redirect\","
        + " \"RedirectConfig\": {\"Protocol\": \"HTTPS\", \"StatusCode\": \"HTTP_301\"}}"));
    maybe(() -> annotations.put(ALB + "actions.other", "{\"Type\":\"forward\","
        + "\"ForwardConfig\":{\"TargetGroups\":[{\"ServiceName\":\"other\","
        + "\"ServicePort\":\"80\",\"Weight\":" + random.nextInt(100) + "}]}}"));
    maybe(() -> annotations.put(ALB + "conditions.other",
        "[{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Key\":\"v\","
            + "\"Value\":\"2\"}]}}]"));
    maybe(() -> annotations.put(ALB + "actions.app-stable", random.nextBoolean() ? "not json"
        : "{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":[{\"ServiceName\":"
            + "\"app-stable\",\"ServicePort\":\"443\"}]}}"));
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

  /** An ALB path to an action names the port {@code use-annotation}. */
  private ObjectNode path(String service, boolean useAnnotation) {
    ObjectNode path = JSON.createObjectNode();
    maybe(() -> path.put("path", "/p" + random.nextInt(4)));
    path.put("pathType", random.nextBoolean() ? "Prefix" : "ImplementationSpecific");
    ObjectNode backend = path.putObject("backend").putObject("service").put("name", service);
    if (useAnnotation && controller == Controller.ALB) {
      backend.putObject("port").put("name", "use-annotation");
    } else if (random.nextBoolean()) {
      backend.putObject("port").put("number", 8080);
    } else {
      backend.putObject("port").put("name", "http");
    }
    extra(path);
    return path;
  }

  /** The rollout {@code default/app} between {@code app-stable} and {@code app-canary}. */
  static Rollout rollout(TrafficRouting routing) {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("default")
        .withUid("uid-app").build());
    rollout.setSpec(new RolloutSpec());
    rollout.getSpec().strategy = new RolloutStrategy();
    CanaryStrategy canary = new CanaryStrategy();
    canary.stableService = "app-stable";
    canary.canaryService = "app-canary";
    canary.trafficRouting = routing;
    rollout.getSpec().strategy.canary = canary;
    return rollout;
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
