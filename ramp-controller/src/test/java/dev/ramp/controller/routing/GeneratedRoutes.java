package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Route objects as people write them, built at random from the Gateway API and Istio schemas:
 * optional fields absent, null or empty, lists empty or long, rules with and without names,
 * matches, filters, timeouts, several backends, and fields newer than any schema at every
 * level. Every object has at least one rule to the stable Service that the rollout weighs.
 */
final class GeneratedRoutes {
  static final String STABLE = "app-stable";
  static final String CANARY = "app-canary";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Random random;
  private int unknown;

  GeneratedRoutes(Random random) {
    this.random = random;
  }

  /** A Gateway API route of {@code kind} (HTTPRoute or GRPCRoute). */
  ObjectNode gatewayRoute(String kind) {
    ObjectNode route = object(kind.equals("TCPRoute")
        ? "gateway.networking.k8s.io/v1alpha2" : "gateway.networking.k8s.io/v1", kind);
    ObjectNode spec = route.putObject("spec");
    maybe(() -> spec.putArray("parentRefs").addObject().put("name", "gateway")
        .put("sectionName", "https"));
    maybe(() -> spec.putArray("hostnames").add("app.example.com"));
    maybe(() -> spec.putNull("useDefaultGateways"));
    extra(spec);
    ArrayNode rules = spec.putArray("rules");
    int count = 1 + random.nextInt(4);
    int toStable = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      rules.add(gatewayRule(kind, i, i == toStable || random.nextInt(3) == 0));
    }
    maybe(() -> route.putObject("status").putArray("parents").addObject()
        .put("controllerName", "example.com/gateway"));
    return route;
  }

  private ObjectNode gatewayRule(String kind, int index, boolean toStable) {
    ObjectNode rule = JSON.createObjectNode();
    maybe(() -> rule.put("name", "rule-" + index));
    if (!kind.equals("TCPRoute")) {
      optionalList(rule, "matches", () -> gatewayMatch(kind));
      optionalList(rule, "filters", this::gatewayFilter);
      if (kind.equals("HTTPRoute")) {
        maybe(() -> rule.putObject("timeouts").put("request", "10s"));
        maybe(() -> rule.putNull("sessionPersistence"));
      }
    }
    extra(rule);
    List<ObjectNode> refs = new ArrayList<>();
    if (toStable) {
      ObjectNode stable = JSON.createObjectNode().put("name", STABLE);
      maybe(() -> stable.put("kind", "Service").put("group", ""));
      maybe(() -> stable.put("port", 80));
      maybe(() -> stable.put("weight", 1 + random.nextInt(100)));
      maybe(() -> optionalList(stable, "filters", this::gatewayFilter));
      extra(stable);
      refs.add(stable);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      ObjectNode other = JSON.createObjectNode().put("name", "other-" + random.nextInt(5));
      maybe(() -> other.put("weight", random.nextInt(10)));
      maybe(() -> other.put("port", 8080));
      extra(other);
      refs.add(random.nextInt(refs.size() + 1), other);
    }
    if (!refs.isEmpty() || random.nextBoolean()) {
      ArrayNode list = rule.putArray("backendRefs");
      refs.forEach(list::add);
    }
    return rule;
  }

  private ObjectNode gatewayMatch(String kind) {
    ObjectNode match = JSON.createObjectNode();
    if (kind.equals("GRPCRoute")) {
      maybe(() -> match.putObject("method").put("service", "shop.Cart").put("method", "Add"));
    } else {
      maybe(() -> match.putObject("path").put("type", "PathPrefix").put("value", "/static"));
      maybe(() -> match.putArray("queryParams").addObject().put("name", "q").put("value", "1"));
    }
    maybe(() -> match.putArray("headers").addObject().put("name", "x-team").put("value", "a"));
    extra(match);
    return match;
  }

  private ObjectNode gatewayFilter() {
    ObjectNode filter = JSON.createObjectNode();
    switch (random.nextInt(3)) {
      case 0 -> filter.put("type", "RequestHeaderModifier").putObject("requestHeaderModifier")
          .putArray("set").addObject().put("name", "x-a").put("value", "1");
      case 1 -> filter.put("type", "RequestMirror").putObject("requestMirror")
          .putObject("backendRef").put("name", "audit").put("port", 80);
      default -> filter.put("type", "ExtensionRef").putObject("extensionRef")
          .put("group", "example.com").put("kind", "Thing").put("name", "t");
    }
    extra(filter);
    return filter;
  }

  /**
   * An Istio VirtualService with HTTP, TCP and TLS routes; host-based, or with subsets
   * {@code stable} and {@code canary} of host {@code app} when {@code subsets}.
   */
  ObjectNode virtualService(boolean subsets, boolean http) {
    ObjectNode service = object("networking.istio.io/v1beta1", "VirtualService");
    ObjectNode spec = service.putObject("spec");
    spec.putArray("hosts").add("app.example.com");
    maybe(() -> spec.putArray("gateways").add("mesh"));
    maybe(() -> spec.putArray("exportTo").add("."));
    extra(spec);
    boolean tcp = !http || random.nextBoolean();
    boolean tls = !http && !tcp || random.nextBoolean();
    if (http) {
      section(spec, "http", subsets, this::httpRoute);
    } else if (random.nextBoolean()) {
      spec.putArray("http");
    }
    if (tcp) {
      section(spec, "tcp", subsets, this::tcpRoute);
    }
    if (tls) {
      section(spec, "tls", subsets, this::tlsRoute);
    }
    return service;
  }

  private interface RouteMaker {
    ObjectNode make(int index, ArrayNode destinations);
  }

  private void section(ObjectNode spec, String name, boolean subsets, RouteMaker maker) {
    ArrayNode routes = spec.putArray(name);
    int count = 1 + random.nextInt(3);
    int toStable = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      ArrayNode destinations = JSON.createArrayNode();
      List<ObjectNode> list = new ArrayList<>();
      if (i == toStable || random.nextInt(3) == 0) {
        ObjectNode stable = JSON.createObjectNode();
        ObjectNode destination = stable.putObject("destination");
        destination.put("host", subsets ? "app" : STABLE + (random.nextBoolean() ? ""
            : ".shop.svc.cluster.local"));
        if (subsets) {
          destination.put("subset", "stable");
        }
        maybe(() -> destination.putObject("port").put("number", 8080));
        maybe(() -> stable.put("weight", 100));
        maybe(() -> stable.putObject("headers").putObject("request").putObject("set")
            .put("x-b", "2"));
        extra(stable);
        list.add(stable);
      }
      for (int j = random.nextInt(2); j > 0; j--) {
        ObjectNode other = JSON.createObjectNode();
        other.putObject("destination").put("host", "other-" + random.nextInt(5));
        maybe(() -> other.put("weight", 0));
        list.add(random.nextInt(list.size() + 1), other);
      }
      list.forEach(destinations::add);
      routes.add(maker.make(i, destinations));
    }
  }

  private ObjectNode httpRoute(int index, ArrayNode destinations) {
    ObjectNode route = JSON.createObjectNode();
    maybe(() -> route.put("name", "route-" + index));
    optionalList(route, "match", () -> {
      ObjectNode match = JSON.createObjectNode();
      maybe(() -> match.putObject("uri").put("prefix", "/static"));
      maybe(() -> match.putObject("headers").putObject("x-team").put("exact", "a"));
      extra(match);
      return match;
    });
    maybe(() -> route.put("timeout", "5s"));
    maybe(() -> route.putObject("retries").put("attempts", 3).put("perTryTimeout", "2s"));
    maybe(() -> route.putNull("rewrite"));
    maybe(() -> route.putObject("corsPolicy").putArray("allowOrigins").addObject()
        .put("exact", "https://example.com"));
    if (!destinations.isEmpty() || random.nextBoolean()) {
      route.set("route", destinations);
    }
    // someone else's mirror, on a route Ramp does not weigh
    if (destinations.isEmpty() && random.nextBoolean()) {
      route.putObject("mirror").put("host", "audit");
    }
    extra(route);
    return route;
  }

  private ObjectNode tcpRoute(int index, ArrayNode destinations) {
    ObjectNode route = JSON.createObjectNode();
    optionalList(route, "match", () -> JSON.createObjectNode().put("port", 5432 + index));
    route.set("route", destinations);
    extra(route);
    return route;
  }

  private ObjectNode tlsRoute(int index, ArrayNode destinations) {
    ObjectNode route = JSON.createObjectNode();
    ArrayNode match = route.putArray("match");
    ObjectNode first = match.addObject();
    first.put("port", 443);
    first.putArray("sniHosts").add("host-" + index + ".example.com");
    extra(first);
    route.set("route", destinations);
    extra(route);
    return route;
  }

  /**
   * An Apache APISIX ApisixRoute: named HTTP rules (APISIX requires names and paths) with
   * hosts, methods, expressions, priorities, plugins, upstreams, backends with and without
   * ports, weights and subsets, and sometimes a stream section Ramp leaves alone.
   */
  ObjectNode apisixRoute() {
    ObjectNode route = object("apisix.apache.org/v2", "ApisixRoute");
    ObjectNode spec = route.putObject("spec");
    maybe(() -> spec.put("ingressClassName", "apisix"));
    extra(spec);
    ArrayNode rules = spec.putArray("http");
    int count = 1 + random.nextInt(4);
    int toStable = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      rules.add(apisixRule(i, i == toStable || random.nextInt(3) == 0));
    }
    maybe(() -> spec.putArray("stream").addObject().put("name", "tcp").put("protocol", "TCP")
        .putObject("backend").put("serviceName", STABLE).put("servicePort", 5432));
    maybe(() -> route.putObject("status").putArray("conditions").addObject()
        .put("type", "ResourcesAvailable").put("status", "True"));
    return route;
  }

  private ObjectNode apisixRule(int index, boolean toStable) {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("name", "rule-" + index);
    maybe(() -> rule.put("priority", random.nextInt(10)));
    ObjectNode match = rule.putObject("match");
    match.putArray("paths").add(random.nextBoolean() ? "/*" : "/api/*");
    maybe(() -> match.putArray("hosts").add("app.example.com"));
    maybe(() -> match.putArray("methods").add("GET").add("POST"));
    optionalList(match, "exprs", () -> {
      ObjectNode expr = JSON.createObjectNode();
      expr.putObject("subject").put("scope", "Query").put("name", "id");
      expr.put("op", "Equal").put("value", "2");
      return expr;
    });
    extra(match);
    maybe(() -> rule.putObject("timeout").put("connect", "1s").put("read", "5s"));
    maybe(() -> rule.put("websocket", true));
    optionalList(rule, "plugins", () -> {
      ObjectNode plugin = JSON.createObjectNode().put("name", "limit-count").put("enable", true);
      maybe(() -> plugin.putObject("config").put("count", 10).put("time_window", 60));
      return plugin;
    });
    maybe(() -> rule.putObject("authentication").put("enable", false).put("type", "basicAuth"));
    maybe(() -> rule.putArray("upstreams").addObject().put("name", "external").put("weight", 0));
    extra(rule);
    List<ObjectNode> backends = new ArrayList<>();
    if (toStable) {
      ObjectNode stable = JSON.createObjectNode().put("serviceName", STABLE);
      maybe(() -> stable.set("servicePort", random.nextBoolean() ? JSON.valueToTree(80)
          : JSON.valueToTree("http")));
      maybe(() -> stable.put("weight", random.nextInt(101)));
      maybe(() -> stable.put("resolveGranularity", "service"));
      maybe(() -> stable.put("subset", "v1"));
      extra(stable);
      backends.add(stable);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      ObjectNode other = JSON.createObjectNode().put("serviceName", "other-" + random.nextInt(5));
      maybe(() -> other.put("servicePort", 8080));
      maybe(() -> other.put("weight", random.nextInt(10)));
      extra(other);
      backends.add(random.nextInt(backends.size() + 1), other);
    }
    if (!backends.isEmpty() || random.nextBoolean()) {
      ArrayNode list = rule.putArray("backends");
      backends.forEach(list::add);
    }
    return rule;
  }

  /**
   * A Gloo Edge RouteTable as Flagger and its users write them: routes with and without names,
   * matchers, options and delegation, weighing destinations to Upstreams named as Gloo's
   * discovery names them ({@code shop-<service>-<port>}) or to Services ({@code kube}), among
   * routes with a single destination.
   */
  ObjectNode glooRouteTable() {
    ObjectNode table = object("gateway.solo.io/v1", "RouteTable");
    ObjectNode spec = table.putObject("spec");
    maybe(() -> spec.put("weight", random.nextInt(20)));
    extra(spec);
    ArrayNode routes = spec.putArray("routes");
    int count = 1 + random.nextInt(4);
    int toStable = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      routes.add(glooRoute(i, i == toStable || random.nextInt(3) == 0));
    }
    maybe(() -> table.putObject("status").put("state", 1));
    return table;
  }

  private ObjectNode glooRoute(int index, boolean toStable) {
    ObjectNode route = JSON.createObjectNode();
    maybe(() -> route.put("name", "route-" + index));
    optionalList(route, "matchers", () -> {
      ObjectNode matcher = JSON.createObjectNode();
      maybe(() -> matcher.put("prefix", "/api"));
      maybe(() -> matcher.putArray("headers").addObject().put("name", "x-team").put("value", "a"));
      maybe(() -> matcher.putArray("methods").add("GET"));
      extra(matcher);
      return matcher;
    });
    maybe(() -> route.put("inheritableMatchers", random.nextBoolean()));
    maybe(() -> route.putObject("options").put("timeout", "5s").put("prefixRewrite", "/"));
    extra(route);
    if (!toStable && random.nextBoolean()) {
      route.putObject("routeAction").putObject("single").putObject("upstream")
          .put("name", "shop-other-80").put("namespace", "gloo-system");
      return route;
    }
    List<ObjectNode> destinations = new ArrayList<>();
    if (toStable) {
      ObjectNode stable = JSON.createObjectNode();
      ObjectNode destination = stable.putObject("destination");
      if (random.nextBoolean()) {
        destination.putObject("upstream").put("name", "shop-" + STABLE + "-8080")
            .put("namespace", "gloo-system");
      } else {
        destination.putObject("kube").put("port", 8080).putObject("ref").put("name", STABLE)
            .put("namespace", "shop");
      }
      maybe(() -> stable.put("weight", random.nextInt(101)));
      maybe(() -> stable.putObject("options").putObject("headerManipulation")
          .putArray("requestHeadersToRemove").add("x-debug"));
      extra(stable);
      destinations.add(stable);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      ObjectNode other = JSON.createObjectNode();
      other.putObject("destination").putObject("upstream")
          .put("name", "shop-other-" + random.nextInt(5) + "-80");
      maybe(() -> other.put("weight", random.nextInt(10)));
      destinations.add(random.nextInt(destinations.size() + 1), other);
    }
    ObjectNode action = route.putObject("routeAction");
    extra(action);
    ObjectNode multi = action.putObject("multi");
    if (!destinations.isEmpty() || random.nextBoolean()) {
      ArrayNode list = multi.putArray("destinations");
      destinations.forEach(list::add);
    }
    return route;
  }

  private ObjectNode object(String apiVersion, String kind) {
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", "app").put("namespace", "shop").put("resourceVersion", "7");
    maybe(() -> metadata.putObject("annotations").put("team", "payments"));
    maybe(() -> metadata.putObject("labels").put("app", "app"));
    extra(metadata);
    return object;
  }

  /** The field absent, null, empty, or a list of one to three generated elements. */
  private void optionalList(ObjectNode parent, String field,
      java.util.function.Supplier<ObjectNode> element) {
    switch (random.nextInt(4)) {
      case 0 -> { }
      case 1 -> parent.putNull(field);
      case 2 -> parent.putArray(field);
      default -> {
        ArrayNode list = parent.putArray(field);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          list.add(element.get());
        }
      }
    }
  }

  /** Sometimes, a field no schema knows yet: a string, a number, a list or an object. */
  private void extra(ObjectNode node) {
    if (random.nextInt(3) > 0) {
      return;
    }
    String name = "future" + unknown++;
    switch (random.nextInt(4)) {
      case 0 -> node.put(name, "value");
      case 1 -> node.put(name, random.nextInt());
      case 2 -> node.putArray(name).add(1).addObject().put("nested", true);
      default -> node.putObject(name).putArray("list").add("x");
    }
  }

  private void maybe(Runnable add) {
    if (random.nextBoolean()) {
      add.run();
    }
  }

  /** Whether a backendRef is to the stable or canary Service: Ramp owns its weight. */
  static boolean isRef(JsonNode ref) {
    String name = ref.path("name").asText("");
    return (name.equals(STABLE) || name.equals(CANARY))
        && ref.path("kind").asText("Service").equals("Service")
        && ref.path("group").asText("").isEmpty();
  }

  /** Whether an Istio destination is to the stable or canary version: Ramp owns its weight. */
  static boolean isDestination(JsonNode weighted, boolean subsets) {
    JsonNode destination = weighted.path("destination");
    return subsets ? List.of("stable", "canary").contains(destination.path("subset").asText())
        : destination.path("host").asText("").startsWith(STABLE)
            || destination.path("host").asText("").startsWith(CANARY);
  }

  /** Whether an ApisixRoute backend is to the stable or canary Service: Ramp owns its weight. */
  static boolean isApisixBackend(JsonNode backend) {
    return List.of(STABLE, CANARY).contains(backend.path("serviceName").asText(""));
  }

  /** Whether a Gloo destination is to the stable or canary Service: Ramp owns its weight. */
  static boolean isGlooDestination(JsonNode weighted) {
    JsonNode destination = weighted.path("destination");
    String upstream = destination.path("upstream").path("name").asText("");
    return List.of(STABLE, CANARY).contains(destination.path("kube").path("ref").path("name")
        .asText("")) || upstream.startsWith("shop-" + STABLE + "-")
        || upstream.startsWith("shop-" + CANARY + "-");
  }

  /** Whether a backendRef, Istio or Gloo destination or APISIX backend is to the canary. */
  static boolean isCanary(JsonNode backend) {
    JsonNode destination = backend.path("destination");
    return backend.path("name").asText("").equals(CANARY)
        || destination.path("kube").path("ref").path("name").asText("").equals(CANARY)
        || destination.path("upstream").path("name").asText("").startsWith("shop-" + CANARY)
        || backend.path("serviceName").asText("").equals(CANARY)
        || destination.path("host").asText("").startsWith(CANARY)
        || destination.path("subset").asText("").equals("canary");
  }

  static void each(JsonNode list, Consumer<ObjectNode> action) {
    list.forEach(node -> {
      if (node instanceof ObjectNode object) {
        action.accept(object);
      }
    });
  }
}
