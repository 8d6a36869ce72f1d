package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mock's CRUD dispatcher seen as the object store behind the API server. Its answers are
 * JSON but do not say so; these do.
 */
final class ObjectStore {
  private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

  /** Hands a request to the mock as it is. */
  MockResponse forward(RecordedRequest request) {
    return asJson(crud.dispatch(request));
  }

  Optional<ObjectNode> get(ResourcePath path) {
    MockResponse response = crud.handleGet(path.withSubresource(null).toPath());
    return response.code() == 200
        ? Optional.of(Json.read(response.getBody().readUtf8()))
        : Optional.empty();
  }

  List<ObjectNode> list(String collectionPath) {
    JsonNode list = Json.read(crud.handleGet(collectionPath).getBody().readUtf8());
    List<ObjectNode> items = new ArrayList<>();
    list.path("items").forEach(item -> items.add((ObjectNode) item));
    return items;
  }

  /** Writes a whole object (or, on a status path, its status) through the given request. */
  MockResponse put(ApiRequest request, ResourcePath path, JsonNode object) {
    return forward(request.rewritten(HttpMethod.PUT, path.toPath(), Json.bytes(object)));
  }

  MockResponse delete(ResourcePath path) {
    return asJson(crud.handleDelete(path.toPath()));
  }

  MockResponse post(ApiRequest request, JsonNode object) {
    return forward(request.rewritten(HttpMethod.POST, request.path(), Json.bytes(object)));
  }

  private static MockResponse asJson(MockResponse response) {
    return response.setHeader("Content-Type", "application/json");
  }
}
