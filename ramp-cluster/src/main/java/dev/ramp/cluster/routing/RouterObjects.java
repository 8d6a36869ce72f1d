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

/**
 * Reads and writes the objects routers edit as plain JSON ({@link ClusterObjects}), so that every
 * field Ramp does not manage goes back exactly as it came; writes carry the resourceVersion they
 * were read at.
 */
final class RouterObjects {
  /** On an object a router edits: the routes Ramp added to it, name to how (a JSON object). */
  static final String MANAGED_ROUTES = "ramp.dev/managed-routes";
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
    ObjectNode metadata = JsonFields.object(object, "metadata", "the object");
    if (routes.isEmpty()) {
      if (metadata.get("annotations") instanceof ObjectNode annotations
          && annotations.remove(MANAGED_ROUTES) != null && annotations.isEmpty()) {
        metadata.remove("annotations");
      }
      return;
    }
    JsonFields.object(metadata, "annotations", "metadata")
        .put(MANAGED_ROUTES, JSON.valueToTree(routes).toString());
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
