package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * TraefikServices, HTTPProxies and Mappings as people write them, built at random from their
 * schemas: optional fields absent or present, the stable Service anywhere among others, the
 * canary Service listed already or not, and fields newer than any schema at every level. Each
 * is named {@code app} in namespace {@code default} and sends to the stable Service somewhere.
 */
final class GeneratedCrdRouterObjects {
  static final String STABLE = "app-stable";
  static final String CANARY = "app-canary";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Random random;
  private int unknown;

  GeneratedCrdRouterObjects(Random random) {
    this.random = random;
  }

  /** A weighted TraefikService. */
  ObjectNode traefikService() {
    ObjectNode service = object("traefik.io/v1alpha1", "TraefikService");
    ObjectNode weighted = service.putObject("spec").putObject("weighted");
    maybe(() -> weighted.putObject("sticky").putObject("cookie").put("name", "lb"));
    extra(weighted);
    ArrayNode services = weighted.putArray("services");
    services.add(traefikEntry(STABLE));
    maybe(() -> services.add(traefikEntry(CANARY)));
    for (int i = random.nextInt(3); i > 0; i--) {
      services.insert(random.nextInt(services.size() + 1),
          traefikEntry("other-" + random.nextInt(5)));
    }
    // a TraefikService of the stable Service's name is not the stable Service
    maybe(() -> services.insert(random.nextInt(services.size() + 1),
        traefikEntry(STABLE).put("kind", "TraefikService")));
    return service;
  }

  private ObjectNode traefikEntry(String name) {
    ObjectNode entry = JSON.createObjectNode().put("name", name);
    maybe(() -> entry.put("kind", "Service"));
    maybe(() -> entry.put("port", 80));
    maybe(() -> entry.put("weight", random.nextInt(100)));
    maybe(() -> entry.put("passHostHeader", random.nextBoolean()));
    extra(entry);
    return entry;
  }

  /** An HTTPProxy whose routes go to the stable Service, other Services, or both. */
  ObjectNode httpProxy() {
    ObjectNode proxy = object("projectcontour.io/v1", "HTTPProxy");
    ObjectNode spec = proxy.putObject("spec");
    maybe(() -> spec.putObject("virtualhost").put("fqdn", "app.example.com"));
    maybe(() -> spec.putArray("includes").addObject().put("name", "blog"));
    extra(spec);
    ArrayNode routes = spec.putArray("routes");
    int count = 1 + random.nextInt(4);
    int toStable = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      routes.add(contourRoute(i == toStable || random.nextInt(3) == 0));
    }
    maybe(() -> proxy.putObject("status").put("currentStatus", "valid"));
    return proxy;
  }

  private ObjectNode contourRoute(boolean toStable) {
    ObjectNode route = JSON.createObjectNode();
    maybe(() -> {
      ArrayNode conditions = route.putArray("conditions");
      conditions.addObject().put("prefix", "/" + random.nextInt(10));
      maybe(() -> conditions.addObject().putObject("header").put("name", "x-a")
          .put("present", true));
    });
    maybe(() -> route.putObject("timeoutPolicy").put("response", "5s"));
    maybe(() -> route.put("enableWebsockets", true));
    extra(route);
    ArrayNode services = route.putArray("services");
    if (toStable) {
      services.add(contourService(STABLE));
      maybe(() -> services.add(contourService(CANARY)));
    }
    for (int i = random.nextInt(3) + (toStable ? 0 : 1); i > 0; i--) {
      services.insert(random.nextInt(services.size() + 1),
          contourService("other-" + random.nextInt(5)));
    }
    // Contour mirrors a route to one Service at most: Ramp's mirror is refused on such a route
    maybe(() -> services.add(contourService("recorder").put("mirror", true)));
    return route;
  }

  private ObjectNode contourService(String name) {
    ObjectNode service = JSON.createObjectNode().put("name", name);
    service.put("port", 80);
    maybe(() -> service.put("weight", random.nextInt(100)));
    maybe(() -> service.put("protocol", "h2c"));
    maybe(() -> service.putObject("requestHeadersPolicy").putArray("set").addObject()
        .put("name", "x-from").put("value", "contour"));
    extra(service);
    return service;
  }

  /** A Mapping to the stable Service; {@code service} is its spec.service. */
  ObjectNode mapping(String service) {
    ObjectNode mapping = object("getambassador.io/v3alpha1", "Mapping");
    maybe(() -> metadata(mapping).putObject("labels").put("team", "shop"));
    maybe(() -> {
      ObjectNode annotations = metadata(mapping).putObject("annotations");
      maybe(() -> annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{}"));
      maybe(() -> annotations.put("owner", "shop"));
    });
    ObjectNode spec = mapping.putObject("spec");
    spec.put("prefix", "/app/");
    spec.put("service", service);
    maybe(() -> spec.put("hostname", "*"));
    maybe(() -> spec.put("timeout_ms", 3000));
    maybe(() -> spec.put("rewrite", ""));
    maybe(() -> spec.putObject("headers").put("x-tenant", "a"));
    extra(spec);
    return mapping;
  }

  /**
   * A Mapping's service as people write it, {@code %s} for the Service's name: with or without
   * a scheme, a namespace and a port.
   */
  String mappingService() {
    return (random.nextBoolean() ? "" : random.nextBoolean() ? "http://" : "https://") + "%s"
        + (random.nextBoolean() ? "" : ".default") + (random.nextBoolean() ? "" : ":8080");
  }

  private ObjectNode object(String apiVersion, String kind) {
    ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode metadata = object.putObject("metadata").put("name", "app")
        .put("namespace", "default");
    extra(metadata);
    return object;
  }

  private static ObjectNode metadata(ObjectNode object) {
    return (ObjectNode) object.get("metadata");
  }

  /** A field no schema has, sometimes. */
  private void extra(ObjectNode node) {
    maybe(() -> node.putObject("fromTheFuture" + unknown++).put("kept", true));
  }

  private void maybe(Runnable add) {
    if (random.nextBoolean()) {
      add.run();
    }
  }
}
