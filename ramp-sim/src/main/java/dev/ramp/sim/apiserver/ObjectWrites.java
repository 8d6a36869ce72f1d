package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Creates, updates, patches and deletes objects the way the API server does, then hands the whole
 * resulting object to the store. What this adds to the mock:
 *
 * <ul>
 *   <li>Patches are computed here (see {@link Patches}), so that a merge patch is RFC 7386 and a
 *       strategic merge patch merges containers by name; the mock's own "merge" appends arrays
 *       and keeps nulls.
 *   <li>A stated {@code metadata.resourceVersion} that is not the stored one is a conflict, also
 *       on {@code /status}, where the mock ignores it.
 *   <li>Where a type has a status subresource, writes to the object leave its status alone, for
 *       every version and for built-in types too (the mock knows this for one version of a CRD).
 *   <li>Ramp's kinds are checked against their schema ({@link SpecValidation}).
 *   <li>{@code dryRun} requests are answered without storing anything.
 * </ul>
 *
 * <p>Writes are serialised, so that reading the stored object and writing its new version is
 * one step.
 */
final class ObjectWrites {
  private final ObjectStore store;
  private final ResourceCatalog catalog;
  private final SpecValidation validation;
  private final ReentrantLock lock = new ReentrantLock();

  ObjectWrites(ObjectStore store, ResourceCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
    this.validation = new SpecValidation(catalog);
  }

  MockResponse create(ApiRequest request, ResourceType type) {
    ObjectNode object = asObject(request.body());
    validation.check(type, object, isStrict(request));
    if (type.hasStatus()) {
      object.remove("status");
    }
    if (isDryRun(request)) {
      return Json.response(201, object);
    }
    MockResponse created = locked(() -> store.post(request, object));
    if (created.code() == 409) {
      throw ApiException.alreadyExists(type, object.path("metadata").path("name").asText());
    }
    return created;
  }

  MockResponse replace(ApiRequest request, ResourcePath path, ResourceType type) {
    JsonNode body = request.body();
    return modify(request, path, type, current -> asObject(body));
  }

  MockResponse patch(ApiRequest request, ResourcePath path, ResourceType type) {
    UnaryOperator<JsonNode> patch = Patches.of(request, catalog.isCustom(type));
    return modify(request, path, type, current -> asObject(patch.apply(current)));
  }

  /** Deletes an object, or marks it for deletion when it has finalizers. */
  MockResponse delete(ResourcePath path, ResourceType type) {
    MockResponse deleted = locked(() -> store.delete(path));
    if (deleted.code() == 404) {
      throw ApiException.notFound(type, path.name());
    }
    return deleted;
  }

  /**
   * Writes the change of the stored object at the path (or, on {@code /status}, of its
   * status).
   */
  MockResponse modify(ApiRequest request, ResourcePath path, ResourceType type,
      UnaryOperator<ObjectNode> change) {
    return locked(() -> {
      ObjectNode current = store.get(path)
          .orElseThrow(() -> ApiException.notFound(type, path.name()));
      ObjectNode updated = change.apply(current.deepCopy());
      String stated = updated.path("metadata").path("resourceVersion").asText("");
      if (!stated.isEmpty()
          && !stated.equals(current.path("metadata").path("resourceVersion").asText())) {
        throw ApiException.conflict(type, path.name());
      }
      if (!path.isStatus()) {
        validation.check(type, updated, isStrict(request));
        if (type.hasStatus()) {
          keepStatus(current, updated);
        }
      }
      return isDryRun(request)
          ? Json.response(200, updated) : store.put(request, path, updated);
    });
  }

  private MockResponse locked(Supplier<MockResponse> write) {
    lock.lock();
    try {
      return write.get();
    } finally {
      lock.unlock();
    }
  }

  private static void keepStatus(ObjectNode current, ObjectNode updated) {
    if (current.has("status")) {
      updated.set("status", current.get("status"));
    } else {
      updated.remove("status");
    }
  }

  private static ObjectNode asObject(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  private static boolean isStrict(ApiRequest request) {
    return "Strict".equals(request.param("fieldValidation"));
  }

  private static boolean isDryRun(ApiRequest request) {
    return request.param("dryRun") != null;
  }
}
