package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.sim.apiserver.ResourceType.ScalePaths;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code /scale} subresource ({@code kubectl scale}) of types that have one: an
 * {@code autoscaling/v1 Scale} read from the object through its type's scale paths; writing one
 * sets the desired replicas.
 */
final class ScaleSubresource {
  private final ObjectStore store;
  private final ObjectWrites writes;

  ScaleSubresource(ObjectStore store, ObjectWrites writes) {
    this.store = store;
    this.writes = writes;
  }

  MockResponse handle(ApiRequest request, ResourcePath path, ResourceType type) {
    ScalePaths paths = type.scale();
    ResourcePath objectPath = path.withSubresource(null);
    switch (request.method()) {
      case GET:
        return Json.response(200, scaleOf(store.get(objectPath)
            .orElseThrow(() -> ApiException.notFound(type, path.name())), paths));
      case PUT:
        JsonNode desired = request.body();
        return answer(writes.modify(request, objectPath, type,
            object -> scaled(object, desired, paths)), paths);
      case PATCH:
        UnaryOperator<JsonNode> patch = Patches.of(request, false);
        return answer(writes.modify(request, objectPath, type,
            object -> scaled(object, patch.apply(scaleOf(object, paths)), paths)), paths);
      default:
        throw ApiException.methodNotAllowed(request.method() + " is not allowed on /scale");
    }
  }

  private static ObjectNode scaleOf(ObjectNode object, ScalePaths paths) {
    ObjectNode scale = Json.MAPPER.createObjectNode()
        .put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode metadata = scale.putObject("metadata");
    for (String field : List.of("name", "namespace", "uid", "resourceVersion",
        "creationTimestamp")) {
      metadata.set(field, object.path("metadata").get(field));
    }
    scale.putObject("spec").put("replicas", JsonPaths.get(object, paths.specReplicas()).asInt());
    ObjectNode status = scale.putObject("status")
        .put("replicas", JsonPaths.get(object, paths.statusReplicas()).asInt());
    if (paths.labelSelector() != null) {
      JsonNode selector = JsonPaths.get(object, paths.labelSelector());
      if (selector.isTextual() || selector.isObject()) {
        status.put("selector", selector.isTextual() ? selector.asText() : selectorText(selector));
      }
    }
    return scale;
  }

  /** The object with the replicas (and resourceVersion, when stated) of the desired Scale. */
  private static ObjectNode scaled(ObjectNode object, JsonNode desired, ScalePaths paths) {
    JsonNode replicas = desired.path("spec").path("replicas");
    if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
      throw ApiException.invalid("autoscaling", "Scale",
          object.path("metadata").path("name").asText(), List.of("spec.replicas: Invalid value: "
              + replicas + ": must be greater than or equal to 0"));
    }
    JsonPaths.set(object, paths.specReplicas(), IntNode.valueOf(replicas.asInt()));
    JsonNode resourceVersion = desired.path("metadata").path("resourceVersion");
    if (resourceVersion.isTextual() && !resourceVersion.asText().isEmpty()) {
      object.withObjectProperty("metadata").set("resourceVersion", resourceVersion);
    }
    return object;
  }

  private static MockResponse answer(MockResponse written, ScalePaths paths) {
    if (written.code() != 200) {
      return written;
    }
    return Json.response(200, scaleOf(Json.read(written.getBody().readUtf8()), paths));
  }

  /** A label selector object as the string form {@code kubectl get -l} takes. */
  private static String selectorText(JsonNode selector) {
    List<String> requirements = new ArrayList<>();
    selector.path("matchLabels").fields().forEachRemaining(
        label -> requirements.add(label.getKey() + "=" + label.getValue().asText()));
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(value -> values.add(value.asText()));
      switch (expression.path("operator").asText()) {
        case "In":
          requirements.add(key + " in (" + String.join(",", values) + ")");
          break;
        case "NotIn":
          requirements.add(key + " notin (" + String.join(",", values) + ")");
          break;
        case "Exists":
          requirements.add(key);
          break;
        default:
          requirements.add("!" + key);
      }
    }
    return String.join(",", requirements);
  }
}
