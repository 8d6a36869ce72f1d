package dev.ramp.api.docs;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the API reference, one Markdown page per kind, from the CRDs the build generates: every
 * field as a dotted path with its type, whether it is required, and its description, so the
 * reference cannot say anything the schema does not.
 */
final class ApiReference {
  private final List<String> rows = new ArrayList<>();

  private ApiReference() {}

  /** The reference pages by file name (such as {@code rollout.md}) for the CRDs in a directory. */
  static Map<String, String> pages(Path crdDirectory) throws IOException {
    Map<String, String> pages = new TreeMap<>();
    KubernetesSerialization serialization = new KubernetesSerialization();
    try (var files = Files.list(crdDirectory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd = serialization.unmarshal(in, CustomResourceDefinition.class);
          pages.put(crd.getSpec().getNames().getKind().toLowerCase() + ".md", page(crd));
        }
      }
    }
    return pages;
  }

  private static String page(CustomResourceDefinition crd) {
    var spec = crd.getSpec();
    CustomResourceDefinitionVersion version = spec.getVersions().get(0);
    String kind = spec.getNames().getKind();
    List<String> shortNames = spec.getNames().getShortNames();
    StringBuilder page = new StringBuilder()
        .append("# ").append(kind).append('\n').append('\n')
        .append("Look up any field of `").append(kind).append("` (`").append(spec.getGroup()).append('/')
        .append(version.getName()).append("`, ").append(spec.getScope().toLowerCase())
        .append(shortNames == null || shortNames.isEmpty() ? "" : ", short name `"
            + String.join("`, `", shortNames) + "`")
        .append("): its type, whether it is required, and what it means.\n")
        .append("Generated from `deploy/crds/").append(spec.getNames().getPlural()).append('.')
        .append(spec.getGroup()).append("-v1.yml` by `ApiReferenceTest`: do not edit by hand.\n\n")
        .append("| field | type | required | description |\n|---|---|---|---|\n");
    ApiReference reference = new ApiReference();
    JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
    reference.properties("", root);
    reference.rows.forEach(row -> page.append(row).append('\n'));
    return page.toString();
  }

  private void properties(String prefix, JSONSchemaProps object) {
    if (object.getProperties() == null) {
      return;
    }
    List<String> required = object.getRequired() == null ? List.of() : object.getRequired();
    new TreeMap<>(object.getProperties()).forEach((name, field) ->
        field(prefix + name, field, required.contains(name)));
  }

  private void field(String path, JSONSchemaProps field, boolean required) {
    rows.add("| `" + path + "` | " + type(field) + " | " + (required ? "yes" : "no") + " | "
        + cell(description(field)) + " |");
    JSONSchemaProps element = field;
    String elementPath = path;
    while ("array".equals(element.getType()) && element.getItems() != null) {
      element = element.getItems().getSchema();
      elementPath += "[]";
    }
    properties(elementPath + ".", element);
  }

  private static String type(JSONSchemaProps field) {
    if (Boolean.TRUE.equals(field.getXKubernetesIntOrString())) {
      return "integer or string";
    }
    if ("array".equals(field.getType()) && field.getItems() != null) {
      return "array of " + type(field.getItems().getSchema());
    }
    if ("object".equals(field.getType()) && field.getAdditionalProperties() != null
        && field.getAdditionalProperties().getSchema() != null) {
      return "map of " + type(field.getAdditionalProperties().getSchema());
    }
    if (Boolean.TRUE.equals(field.getXKubernetesPreserveUnknownFields())) {
      return "object (any fields)";
    }
    return field.getFormat() == null ? String.valueOf(field.getType())
        : field.getType() + " (" + field.getFormat() + ")";
  }

  /** The schema's description, then what else the schema checks: default, bounds, values, rules. */
  private static String description(JSONSchemaProps field) {
    List<String> parts = new ArrayList<>();
    if (field.getDescription() != null) {
      parts.add(field.getDescription());
    }
    if (field.getDefault() != null) {
      parts.add("Default: `" + field.getDefault() + "`.");
    }
    if (field.getEnum() != null && !field.getEnum().isEmpty()) {
      parts.add("One of: " + String.join(", ", field.getEnum().stream()
          .map(value -> "`" + value.asText() + "`").toList()) + ".");
    }
    if (field.getMinimum() != null) {
      parts.add("Minimum " + number(field.getMinimum()) + ".");
    }
    if (field.getMaximum() != null) {
      parts.add("Maximum " + number(field.getMaximum()) + ".");
    }
    if (field.getMaxItems() != null) {
      parts.add("At most " + field.getMaxItems() + " items.");
    }
    if (field.getXKubernetesValidations() != null) {
      for (ValidationRule rule : field.getXKubernetesValidations()) {
        parts.add("Rule: " + rule.getMessage() + ".");
      }
    }
    return String.join(" ", parts);
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Markdown table cells hold one line, and a pipe would end the cell. */
  private static String cell(String text) {
    return text.replace("\n", " ").replace("|", "\\|").strip();
  }
}
