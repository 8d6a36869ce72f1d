package dev.ramp.virtual;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.cluster.ClusterObjects;
import dev.ramp.cluster.ObjectKey;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster's objects in memory, as Ramp's {@link ClusterObjects}: what the virtual cluster's
 * actuator writes and its snapshot reads. Like an API server it numbers each write with a
 * resourceVersion, refuses a write whose stated resourceVersion is not the stored one, keeps an
 * object's status out of writes to the object and counts changes to the rest of it in
 * {@code metadata.generation}; unlike one it keeps no history.
 */
public final class InMemoryObjects implements ClusterObjects {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
  /** Objects as model classes, read once per resourceVersion: the store is read far more often than written. */
  private final Map<String, Typed> typed = new HashMap<>();
  private final Set<String> crds = new HashSet<>();
  private long resourceVersion;

  /** A write whose resourceVersion is not the stored object's. */
  public static final class Conflict extends RuntimeException {
    Conflict(String message) {
      super(message);
    }
  }

  @Override
  public ObjectNode get(ObjectKey key) {
    ObjectNode object = objects.get(id(key));
    return object == null ? null : object.deepCopy();
  }

  @Override
  public ObjectNode create(ObjectNode object) {
    ObjectKey key = ObjectKey.of(object);
    if (objects.containsKey(id(key))) {
      throw new AlreadyExists(key + " already exists", null);
    }
    ObjectNode created = object.deepCopy();
    ObjectNode metadata = (ObjectNode) created.get("metadata");
    if (!metadata.hasNonNull("uid")) {
      metadata.put("uid", "uid-" + key.kind().toLowerCase() + "-" + key.name());
    }
    metadata.put("generation", 1);
    return store(key, created);
  }

  @Override
  public ObjectNode patch(ObjectKey key, ObjectNode mergePatch) {
    ObjectNode current = required(key);
    requireVersion(key, current, mergePatch);
    JsonValue patched = Json.createMergePatch(jsonp(mergePatch)).apply(jsonp(current));
    ObjectNode result = (ObjectNode) jackson(patched);
    result.set("status", current.get("status"));
    return store(key, withGeneration(current, result));
  }

  @Override
  public ObjectNode replace(ObjectNode object) {
    ObjectKey key = ObjectKey.of(object);
    ObjectNode current = required(key);
    requireVersion(key, current, object);
    ObjectNode replaced = object.deepCopy();
    replaced.set("status", current.get("status"));
    return store(key, withGeneration(current, replaced));
  }

  @Override
  public void delete(ObjectKey key) {
    objects.remove(id(key));
    typed.remove(id(key));
  }

  @Override
  public boolean crdInstalled(String crdName) {
    return crds.contains(crdName);
  }

  public void installCrd(String crdName) {
    crds.add(crdName);
  }

  public void uninstallCrd(String crdName) {
    crds.remove(crdName);
  }

  /** Writes the object whole, status too, as an object's own controller would. */
  public void put(ObjectNode object) {
    store(ObjectKey.of(object), object.deepCopy());
  }

  /** Writes the object's status, as its own controller does through the status subresource. */
  public void putStatus(ObjectKey key, Object status) {
    ObjectNode object = required(key).deepCopy();
    object.set("status", JSON.valueToTree(status));
    store(key, object);
  }

  /**
   * The objects of a kind in a namespace as model objects, in the order they were created. They
   * are shared between reads until the object is written again, so they must not be changed.
   */
  public <T> List<T> list(String apiVersion, String kind, String namespace, Class<T> type) {
    String prefix = id(new ObjectKey(apiVersion, kind, namespace, ""));
    return objects.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
        .map(entry -> as(entry.getKey(), entry.getValue(), type)).toList();
  }

  /** The object as a model object, or null; shared as {@link #list} says. */
  public <T> T get(ObjectKey key, Class<T> type) {
    ObjectNode object = objects.get(id(key));
    return object == null ? null : as(id(key), object, type);
  }

  private <T> T as(String id, ObjectNode object, Class<T> type) {
    String version = object.path("metadata").path("resourceVersion").asText();
    Typed cached = typed.get(id);
    if (cached == null || !cached.version.equals(version) || cached.value.getClass() != type) {
      cached = new Typed(version, JSON.convertValue(object, type));
      typed.put(id, cached);
    }
    return type.cast(cached.value);
  }

  private record Typed(String version, Object value) {}

  private ObjectNode store(ObjectKey key, ObjectNode object) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("resourceVersion", Long.toString(++resourceVersion));
    if (object.path("status").isNull()) {
      object.remove("status");
    }
    objects.put(id(key), object);
    return object.deepCopy();
  }

  /** The written object, its generation one more when more than its metadata changed. */
  private static ObjectNode withGeneration(ObjectNode current, ObjectNode written) {
    long generation = current.path("metadata").path("generation").asLong(1);
    ObjectNode before = current.deepCopy();
    ObjectNode after = written.deepCopy();
    before.remove("metadata");
    after.remove("metadata");
    ((ObjectNode) written.get("metadata")).put("generation",
        before.equals(after) ? generation : generation + 1);
    return written;
  }

  private ObjectNode required(ObjectKey key) {
    ObjectNode current = objects.get(id(key));
    if (current == null) {
      throw new IllegalStateException(key + " does not exist");
    }
    return current;
  }

  private static void requireVersion(ObjectKey key, JsonNode current, JsonNode written) {
    JsonNode stated = written.path("metadata").path("resourceVersion");
    if (!stated.isMissingNode() && !stated.isNull() && !stated.asText().equals(
        current.path("metadata").path("resourceVersion").asText())) {
      throw new Conflict(key + " changed since resourceVersion " + stated.asText());
    }
  }

  /** Objects are told apart by group, kind, namespace and name, whatever version wrote them. */
  private static String id(ObjectKey key) {
    String group = key.apiVersion().contains("/")
        ? key.apiVersion().substring(0, key.apiVersion().indexOf('/')) : "";
    return group + "/" + key.kind() + "/" + key.namespace() + "/" + key.name();
  }

  private static JsonValue jsonp(JsonNode node) {
    return Json.createReader(new StringReader(node.toString())).readValue();
  }

  private static JsonNode jackson(JsonValue value) {
    try {
      return JSON.readTree(value.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Parsson wrote JSON that Jackson cannot read", e);
    }
  }
}
