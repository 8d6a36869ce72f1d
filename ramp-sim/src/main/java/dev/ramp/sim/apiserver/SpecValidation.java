package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.schema.CrdSchema;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks objects of Ramp's own kinds (group {@code ramp.dev}) against their CRD's schema, as the
 * API server does on create and update. Unknown fields are refused only under
 * {@code fieldValidation=Strict}, kubectl's default; other kinds are not checked.
 */
final class SpecValidation {
  private static final String RAMP_GROUP = "ramp.dev";
  private static final String UNKNOWN_FIELD = "Unsupported value: unknown field";

  private final ResourceCatalog catalog;
  /** Schemas by CRD uid, resourceVersion and version: parsing one compiles its CEL rules. */
  private final Map<String, CrdSchema> schemas = new ConcurrentHashMap<>();

  SpecValidation(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  void check(ResourceType type, JsonNode object, boolean strict) {
    if (!type.group().equals(RAMP_GROUP)) {
      return;
    }
    CustomResourceDefinition crd = catalog.crdOf(type).orElseThrow();
    List<String> problems = schema(crd, type.version()).validate(object).stream()
        .filter(problem -> strict || !problem.contains(UNKNOWN_FIELD))
        .toList();
    if (!problems.isEmpty()) {
      throw ApiException.invalid(type.group(), type.kind(),
          object.path("metadata").path("name").asText(), problems);
    }
  }

  private CrdSchema schema(CustomResourceDefinition crd, String version) {
    String key = crd.getMetadata().getUid() + "/" + crd.getMetadata().getResourceVersion()
        + "/" + version;
    return schemas.computeIfAbsent(key, k -> CrdSchema.parse(onlyVersion(crd, version)));
  }

  /** The CRD as JSON with just the given version, which is the one CrdSchema reads. */
  private static String onlyVersion(CustomResourceDefinition crd, String version) {
    ObjectNode json = Json.MAPPER.valueToTree(crd);
    ObjectNode spec = (ObjectNode) json.get("spec");
    JsonNode versions = spec.get("versions");
    ArrayNode only = spec.putArray("versions");
    for (JsonNode served : versions) {
      if (served.path("name").asText().equals(version)) {
        only.add(served);
      }
    }
    return json.toString();
  }
}
