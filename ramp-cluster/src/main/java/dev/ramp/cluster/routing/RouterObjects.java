package dev.ramp.cluster.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.cluster.ClusterObjects;
import dev.ramp.cluster.ObjectKey;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes the objects routers edit as plain JSON ({@link ClusterObjects}), so that every
 * field Ramp does not manage goes back exactly as it came; writes carry the resourceVersion they
 * were read at.
 */
final class RouterObjects {
  /** On an object a router edits: the routes Ramp added to it, name to how (a JSON object). */
  static final String MANAGED_ROUTES = "ramp.dev/managed-routes";
  /**
   * On a route object: the Services of the backends Ramp added beside the stable and the canary
   * (a fresh baseline's, an experiment template's), comma-separated.
   */
  static final String MANAGED_BACKENDS = "ramp.dev/managed-backends";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterObjects objects;

  RouterObjects(ClusterObjects objects) {
    this.objects = objects;
  }

  /** Fails with a clear message when the kind's CRD is not installed. */
  void requireCrd(RouterKind kind, String product) {
    if (!objects.crdInstalled(kind.crdName())) {
      throw new RouterProblem(product + " CRDs are not installed (" + kind.crdName() + ")");
    }
  }

  /** The object, or a RouterProblem naming it when it does not exist. */
  ObjectNode require(String apiVersion, String kind, String namespace, String name) {
    ObjectNode object = find(apiVersion, kind, namespace, name);
    if (object == null) {
      throw new RouterProblem(kind + " \"" + name + "\" does not exist in namespace "
          + namespace);
    }
    return object;
  }

  ObjectNode find(String apiVersion, String kind, String namespace, String name) {
    return objects.get(new ObjectKey(apiVersion, kind, namespace, name));
  }

  /** Replaces the object, failing on a conflict if it changed since it was read. */
  void update(ObjectNode object) {
    objects.replace(object);
  }

  void create(ObjectNode object) {
    objects.create(object);
  }

  /** Deletes an object a router created. */
  void delete(ObjectNode object) {
    JsonNode metadata = object.path("metadata");
    objects.delete(new ObjectKey(object.path("apiVersion").asText(), object.path("kind").asText(),
        metadata.path("namespace").asText(), metadata.path("name").asText()));
  }

  /** The routes Ramp added to an object, name to how. */
  static Map<String, String> managedRoutes(JsonNode object) {
    String recorded = object.path("metadata").path("annotations").path(MANAGED_ROUTES)
        .asText("");
    Map<String, String> routes = new LinkedHashMap<>();
    if (recorded.isEmpty()) {
      return routes;
    }
    try {
      JsonNode node = JSON.readTree(recorded);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> route = it.next();
        routes.put(route.getKey(), route.getValue().asText());
      }
    } catch (JsonProcessingException e) {
      // An annotation someone edited by hand into nonsense: Ramp manages no route there.
    }
    return routes;
  }

  /** Records the routes Ramp added; with none, the annotations are as they were before. */
  static void setManagedRoutes(ObjectNode object, Map<String, String> routes) {
    annotate(object, MANAGED_ROUTES, routes.isEmpty() ? null
        : JSON.valueToTree(routes).toString());
  }

  /** The Services of the backends Ramp added beside the stable and the canary. */
  static Set<String> managedBackends(JsonNode object) {
    String recorded = object.path("metadata").path("annotations").path(MANAGED_BACKENDS)
        .asText("");
    Set<String> services = new TreeSet<>();
    for (String service : recorded.split(",")) {
      if (!service.isBlank()) {
        services.add(service.trim());
      }
    }
    return services;
  }

  /** Records the backends Ramp added; with none, the annotations are as they were before. */
  static void setManagedBackends(ObjectNode object, Set<String> services) {
    annotate(object, MANAGED_BACKENDS, services.isEmpty() ? null
        : String.join(",", new TreeSet<>(services)));
  }

  /** Sets one of Ramp's annotations; null removes it, and the annotations if none is left. */
  private static void annotate(ObjectNode object, String annotation, String value) {
    ObjectNode metadata = JsonFields.object(object, "metadata", "the object");
    if (value == null) {
      if (metadata.get("annotations") instanceof ObjectNode annotations
          && annotations.remove(annotation) != null && annotations.isEmpty()) {
        metadata.remove("annotations");
      }
      return;
    }
    JsonFields.object(metadata, "annotations", "metadata").put(annotation, value);
  }

  /** An owner reference making the rollout own an object a router creates. */
  static ObjectNode ownedBy(Rollout rollout) {
    ObjectNode owner = JSON.createObjectNode();
    owner.put("apiVersion", rollout.getApiVersion()).put("kind", rollout.getKind())
        .put("name", rollout.getMetadata().getName()).put("uid", rollout.getMetadata().getUid())
        .put("controller", true).put("blockOwnerDeletion", true);
    return owner;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
