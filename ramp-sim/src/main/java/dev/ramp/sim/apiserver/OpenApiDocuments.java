package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /openapi/v3}: the index of group-versions and one OpenAPI document per group-version.
 *
 * <p>The documents are just detailed enough for kubectl: their POST and PATCH operations name
 * the kind they take ({@code x-kubernetes-group-version-kind}) and a {@code fieldValidation}
 * parameter, which tells kubectl to leave validation to the server instead of fetching the
 * protobuf {@code /openapi/v2}. The schema of a custom kind is its CRD's, so that
 * {@code kubectl explain} works for it; built-in kinds get a schema that accepts anything.
 */
final class OpenApiDocuments {
  private static final String ROOT = "/openapi/v3";
  /**
   * Without strategic merge patch: kubectl would compute one from these schemas, which lack the
   * patch strategies, and fail with a warning. For built-in kinds it falls back to its own
   * knowledge of their types.
   */
  private static final List<String> PATCH_TYPES =
      List.of(Patches.JSON_PATCH, Patches.MERGE_PATCH);

  private final ResourceCatalog catalog;

  OpenApiDocuments(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  /** The document at a path under {@code /openapi/v3}, or empty when there is none. */
  Optional<JsonNode> document(String path) {
    Map<String, ObjectNode> documents = documentsByGroupVersionPath();
    if (path.equals(ROOT)) {
      return Optional.of(index(documents));
    }
    return Optional.ofNullable(documents.get(path.substring(ROOT.length() + 1)));
  }

  /** Documents by their group-version's path without the leading slash, e.g. {@code api/v1}. */
  private Map<String, ObjectNode> documentsByGroupVersionPath() {
    Map<String, ObjectNode> documents = new LinkedHashMap<>();
    for (ResourceType type : catalog.all()) {
      String groupVersion = type.group().isEmpty()
          ? "api/" + type.version() : "apis/" + type.group() + "/" + type.version();
      ObjectNode document = documents.computeIfAbsent(groupVersion, gv -> emptyDocument());
      addPaths(document.withObjectProperty("paths"), type);
      document.withObjectProperty("components").withObjectProperty("schemas")
          .set(schemaName(type), schema(type));
    }
    return documents;
  }

  private static ObjectNode index(Map<String, ObjectNode> documents) {
    ObjectNode index = Json.MAPPER.createObjectNode();
    ObjectNode paths = index.putObject("paths");
    documents.forEach((groupVersion, document) -> paths.putObject(groupVersion)
        .put("serverRelativeURL", ROOT + "/" + groupVersion + "?hash=" + hash(document)));
    return index;
  }

  private static ObjectNode emptyDocument() {
    ObjectNode document = Json.MAPPER.createObjectNode().put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
    return document;
  }

  private void addPaths(ObjectNode paths, ResourceType type) {
    String collection = new ResourcePath(type.group(), type.version(),
        type.namespaced() ? "{namespace}" : null, type.plural(), null, null).toPath();
    ObjectNode post = paths.putObject(collection).putObject("post");
    describe(post, type, "post", "application/json");
    ObjectNode patch = paths.putObject(collection + "/{name}").putObject("patch");
    describe(patch, type, "patch", PATCH_TYPES.toArray(String[]::new));
  }

  private void describe(ObjectNode operation, ResourceType type, String action,
      String... contentTypes) {
    operation.put("x-kubernetes-action", action);
    operation.set("x-kubernetes-group-version-kind", groupVersionKind(type));
    operation.putArray("parameters").addObject()
        .put("name", "fieldValidation").put("in", "query")
        .put("description", "Strict, Warn or Ignore: what to do with unknown fields")
        .putObject("schema").put("type", "string");
    ObjectNode content = operation.putObject("requestBody").putObject("content");
    for (String contentType : contentTypes) {
      content.putObject(contentType).putObject("schema")
          .put("$ref", "#/components/schemas/" + schemaName(type));
    }
    operation.putObject("responses").putObject("200").put("description", "OK");
  }

  private JsonNode schema(ResourceType type) {
    ObjectNode schema = catalog.crdOf(type)
        .flatMap(crd -> crd.getSpec().getVersions().stream()
            .filter(version -> version.getName().equals(type.version())).findFirst())
        .map(version -> Json.MAPPER.<ObjectNode>valueToTree(
            version.getSchema().getOpenAPIV3Schema()))
        .orElseGet(() -> Json.MAPPER.createObjectNode()
            .put("type", "object").put("x-kubernetes-preserve-unknown-fields", true));
    ArrayNode kinds = schema.putArray("x-kubernetes-group-version-kind");
    kinds.add(groupVersionKind(type));
    return schema;
  }

  private static ObjectNode groupVersionKind(ResourceType type) {
    return Json.MAPPER.createObjectNode().put("group", type.group())
        .put("version", type.version()).put("kind", type.kind());
  }

  /** The name real API servers give a schema, e.g. {@code dev.ramp.v1alpha1.Rollout}. */
  private static String schemaName(ResourceType type) {
    String[] labels = (type.group().isEmpty() ? "core" : type.group()).split("\\.");
    StringBuilder name = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      name.append(labels[i]).append('.');
    }
    return name.append(type.version()).append('.').append(type.kind()).toString();
  }

  private static String hash(JsonNode document) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(document.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
