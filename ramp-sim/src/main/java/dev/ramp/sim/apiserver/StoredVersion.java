package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * A CRD's objects are one set, whatever served version a request names, as on an API server
 * whose CRD says {@code conversion: None}: requests for another served version are made at the
 * storage version, and the objects they return carry the {@code apiVersion} asked for. So a
 * VirtualService created as {@code v1alpha3} is listed by {@code kubectl get virtualservice}
 * (which asks for the preferred version) and read by Ramp at the version it uses.
 *
 * @param asked the version of the request
 * @param stored the storage version of the CRD (the same as asked for built-in types)
 */
record StoredVersion(String group, String asked, String stored) {

  static StoredVersion of(ResourceType asked, ResourceType stored) {
    return new StoredVersion(asked.group(), asked.version(), stored.version());
  }

  /** True when the request names another version than the one its objects are stored at. */
  boolean converts() {
    return !asked.equals(stored);
  }

  /** The request made at the storage version: its path, and the apiVersion of its body. */
  ApiRequest toStored(ApiRequest request, ResourcePath path) {
    byte[] body = request.rawBody();
    if (body.length > 0 && Json.read(body) instanceof ObjectNode object
        && apiVersion(asked).equals(object.path("apiVersion").asText())) {
      object.put("apiVersion", apiVersion(stored));
      body = Json.bytes(object);
    }
    return request.at(path.withVersion(stored).toPath(), body);
  }

  /** The store's answer with its objects (or list) at the version asked for. */
  MockResponse toAsked(MockResponse response) {
    if (response.getWebSocketListener() != null || response.getBody() == null
        || response.getBody().size() == 0) {
      return response;
    }
    JsonNode body = Json.read(response.getBody().getBytes());
    return response.setBody(new Buffer(Json.bytes(object(body))));
  }

  /** An object, a list of objects or an event's object at the version asked for. */
  JsonNode object(JsonNode node) {
    if (node instanceof ObjectNode object
        && apiVersion(stored).equals(object.path("apiVersion").asText())) {
      object.put("apiVersion", apiVersion(asked));
    }
    for (JsonNode item : node.path("items")) {
      object(item);
    }
    return node;
  }

  private String apiVersion(String version) {
    return group + "/" + version;
  }
}
