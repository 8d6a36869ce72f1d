package dev.ramp.api.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schema of one CRD version, checked the way the API server checks a create or
 * update: types, required fields, bounds, patterns, enums, unknown fields (as with kubectl's
 * strict field validation) and the {@code x-kubernetes-validations} CEL rules. Messages follow
 * the API server's: {@code spec.replicas: Invalid value: -1: should be greater than or equal to
 * 0}.
 */
public final class CrdSchema {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String kind;
  private final JsonNode schema;
  private final ValidationRules rules = new ValidationRules();

  private CrdSchema(String kind, JsonNode schema) {
    this.kind = kind;
    this.schema = schema;
  }

  /** The schema of the first served version of a CRD given as YAML or JSON. */
  public static CrdSchema parse(String crd) {
    try {
      JsonNode root = YAML.readTree(crd);
      JsonNode version = root.path("spec").path("versions").path(0);
      return new CrdSchema(root.path("spec").path("names").path("kind").asText(),
          version.path("schema").path("openAPIV3Schema"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a CRD: " + e.getOriginalMessage(), e);
    }
  }

  public String kind() {
    return kind;
  }

  /**
   * The problems of an object of this kind, as the API server would report them; empty when it
   * would be accepted. The status is not checked: the API server ignores it on create and update.
   */
  public List<String> validate(JsonNode object) {
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (name.equals("spec")) {
        check(schema.path("properties").path("spec"), field.getValue(), "spec", problems);
      } else if (!List.of("apiVersion", "kind", "metadata", "status").contains(name)) {
        problems.add(name + ": Unsupported value: unknown field \"" + name + "\"");
      }
    }
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (schema.isMissingNode() || value == null || value.isNull()) {
      return;
    }
    if (!typeMatches(schema, value)) {
      problems.add(path + ": Invalid value: " + shown(value) + ": must be of type "
          + expectedType(schema));
      return;
    }
    int before = problems.size();
    checkBounds(schema, value, path, problems);
    if (value.isObject()) {
      checkObject(schema, value, path, problems);
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.path("items"), value.get(i), path + "[" + i + "]", problems);
      }
    }
    // Like the API server, rules run only on values that passed the checks above.
    if (problems.size() == before) {
      for (JsonNode rule : schema.path("x-kubernetes-validations")) {
        rules.check(rule, value, path, problems);
      }
    }
  }

  private void checkObject(JsonNode schema, JsonNode value, String path, List<String> problems) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        problems.add(path + "." + required.asText() + ": Required value");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String child = path + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), child, problems);
      } else if (additional.isObject()) {
        check(additional, field.getValue(), child, problems);
      } else if (!preserve && !properties.isMissingNode()) {
        problems.add(child + ": Unsupported value: unknown field \"" + field.getKey() + "\"");
      }
    }
  }

  private static void checkBounds(JsonNode schema, JsonNode value, String path,
      List<String> problems) {
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
        problems.add(path + ": Invalid value: " + shown(value)
            + ": should be greater than or equal to " + schema.get("minimum").asLong());
      }
      if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
        problems.add(path + ": Invalid value: " + shown(value)
            + ": should be less than or equal to " + schema.get("maximum").asLong());
      }
    }
    if (value.isTextual()) {
      if (schema.has("pattern") && !value.asText().matches(schema.get("pattern").asText())) {
        problems.add(path + ": Invalid value: " + shown(value) + ": should match '"
            + schema.get("pattern").asText() + "'");
      }
      if (schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
        problems.add(path + ": Too long: may not be longer than " + schema.get("maxLength"));
      }
    }
    if (value.isArray() && schema.has("maxItems")
        && value.size() > schema.get("maxItems").asInt()) {
      problems.add(path + ": Too many: " + value.size() + ": must have at most "
          + schema.get("maxItems").asInt() + " items");
    }
    if (value.isArray() && schema.has("minItems")
        && value.size() < schema.get("minItems").asInt()) {
      problems.add(path + ": Invalid value: " + value.size() + ": should have at least "
          + schema.get("minItems").asInt() + " items");
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        problems.add(path + ": Unsupported value: " + shown(value) + ": supported values: "
            + schema.get("enum"));
      }
    }
  }

  private static boolean typeMatches(JsonNode schema, JsonNode value) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return value.isIntegralNumber() || value.isTextual();
    }
    return switch (schema.path("type").asText("")) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String expectedType(JsonNode schema) {
    return schema.path("x-kubernetes-int-or-string").asBoolean(false)
        ? "integer or string" : schema.path("type").asText();
  }

  static String shown(JsonNode value) {
    return value.isContainerNode() ? value.getNodeType().name().toLowerCase() : value.toString();
  }
}
