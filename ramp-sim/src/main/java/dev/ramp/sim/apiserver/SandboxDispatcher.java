package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server: answers discovery, OpenAPI, writes, {@code /scale} and watches itself, and
 * hands the rest to the mock's CRUD store. Every refusal is a {@code Status}, as kubectl and the
 * fabric8 client expect.
 */
final class SandboxDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);
  private static final String NO_RESOURCE = "the server could not find the requested resource";

  private final ObjectStore store = new ObjectStore();
  private final ResourceCatalog catalog = new ResourceCatalog(store);
  private final Discovery discovery = new Discovery(catalog);
  private final OpenApiDocuments openApi = new OpenApiDocuments(catalog);
  private final ObjectWrites writes = new ObjectWrites(store, catalog);
  private final ScaleSubresource scale = new ScaleSubresource(store, writes);

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    ApiRequest request = new ApiRequest(recorded);
    try {
      return route(request);
    } catch (ApiException e) {
      return Json.response(e.status().getCode(), e.status());
    } catch (RuntimeException e) {
      LOG.warn("Failed to answer {} {}", recorded.getMethod(), recorded.getPath(), e);
      return Json.response(500, new StatusBuilder().withStatus("Failure").withCode(500)
          .withReason("InternalError").withMessage("the sandbox API server failed: " + e)
          .build());
    }
  }

  private MockResponse route(ApiRequest request) {
    String path = request.path();
    Optional<Object> discovered = discovery.document(path);
    if (discovered.isPresent()) {
      return Json.response(200, discovered.get());
    }
    if (path.startsWith("/openapi/v3")) {
      return Json.response(200, openApi.document(path)
          .orElseThrow(() -> ApiException.notFound(NO_RESOURCE)));
    }
    ResourcePath asked = ResourcePath.parse(path)
        .orElseThrow(() -> ApiException.notFound(NO_RESOURCE));
    ResourceType askedType = catalog.find(asked)
        .orElseThrow(() -> ApiException.notFound(NO_RESOURCE));
    ResourceType type = catalog.stored(askedType);
    StoredVersion version = StoredVersion.of(askedType, type);
    if (!version.converts()) {
      return resource(request, asked, type, version);
    }
    return version.toAsked(resource(version.toStored(request, asked),
        asked.withVersion(type.version()), type, version));
  }

  /** A request for a resource, at the version its objects are stored at. */
  private MockResponse resource(ApiRequest request, ResourcePath resource, ResourceType type,
      StoredVersion version) {
    boolean acrossNamespaces = resource.namespace() == null && resource.isCollection()
        && request.method() == HttpMethod.GET;
    if (type.namespaced() != (resource.namespace() != null) && !acrossNamespaces) {
      throw ApiException.notFound(NO_RESOURCE);
    }
    if ("scale".equals(resource.subresource()) && type.scale() != null) {
      return scale.handle(request, resource, type);
    }
    if (resource.subresource() != null && !(resource.isStatus() && type.hasStatus())) {
      throw ApiException.notFound("the sandbox API server does not serve " + type.plural() + "/"
          + resource.subresource());
    }
    return object(request, resource, type, version);
  }

  private MockResponse object(ApiRequest request, ResourcePath path, ResourceType type,
      StoredVersion version) {
    HttpMethod method = request.method();
    if (method == HttpMethod.GET && request.isWatch()) {
      return watch(request, path, type, version);
    }
    if (method == HttpMethod.GET && path.isCollection()) {
      JsonNode list = version.object(listed(request, path));
      return Json.response(200, Tables.isWanted(request) ? Tables.of(type, list) : list);
    }
    if (method == HttpMethod.GET) {
      JsonNode object = version.object(store.get(path)
          .orElseThrow(() -> ApiException.notFound(type, path.name())));
      return Json.response(200, Tables.isWanted(request) ? Tables.of(type, object) : object);
    }
    if (method == HttpMethod.DELETE && path.isCollection()) {
      ObjectNode deleted = listed(request, path);
      for (JsonNode item : deleted.path("items")) {
        writes.delete(new ResourcePath(path.group(), path.version(),
            type.namespaced() ? item.path("metadata").path("namespace").asText() : null,
            path.plural(), item.path("metadata").path("name").asText(), null), type);
      }
      return Json.response(200, deleted);
    }
    if (method == HttpMethod.DELETE) {
      return writes.delete(path, type);
    }
    if (method == HttpMethod.POST && path.isCollection()) {
      return writes.create(request, type);
    }
    if (method == HttpMethod.PUT && !path.isCollection()) {
      return writes.replace(request, path, type);
    }
    if (method == HttpMethod.PATCH && !path.isCollection()) {
      return writes.patch(request, path, type);
    }
    throw ApiException.methodNotAllowed(method + " is not allowed on " + request.path());
  }

  /** A list by the mock, which gets the label selector; the field selector is applied here. */
  private ObjectNode listed(ApiRequest request, ResourcePath path) {
    Predicate<JsonNode> fields = Selectors.fields(request);
    MockResponse listed = store.forward(request.rewritten(HttpMethod.GET,
        withLabels(request, path.toPath() + "?watch=false"), new byte[0]));
    ObjectNode list = Json.read(listed.getBody().readUtf8());
    list.withArrayProperty("items").removeIf(item -> !fields.test(item));
    return list;
  }

  /**
   * A watch by the mock, which gets the label selector; the field selector is applied by the
   * {@link WatchEvents}.
   */
  private MockResponse watch(ApiRequest request, ResourcePath path, ResourceType type,
      StoredVersion version) {
    Predicate<JsonNode> fields = Selectors.fields(request);
    MockResponse watch = store.forward(request.rewritten(HttpMethod.GET,
        withLabels(request, path.toPath() + "?watch=true"), new byte[0]));
    long since = parseLong(request.param("resourceVersion"));
    UnaryOperator<JsonNode> shown = Tables.isWanted(request)
        ? object -> Tables.of(type, version.object(object)) : version::object;
    return new MockResponse().withWebSocketUpgrade(
        new WatchEvents(watch.getWebSocketListener(), fields, since, shown));
  }

  private static String withLabels(ApiRequest request, String target) {
    String labels = Selectors.labels(request);
    return labels == null
        ? target : target + "&labelSelector=" + URLEncoder.encode(labels, StandardCharsets.UTF_8);
  }

  private static long parseLong(String text) {
    try {
      return text == null ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("resourceVersion is not a number: " + text);
    }
  }
}
