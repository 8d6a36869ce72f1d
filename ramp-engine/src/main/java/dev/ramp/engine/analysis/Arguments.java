package dev.ramp.engine.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analysis arguments: merged from a template's defaults and a rollout's values, fieldRefs read
 * from the rollout, and {@code {{args.name}}} placeholders replaced in a metric.
 */
public final class Arguments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*args\\.([\\w.-]+)\\s*}}");
  private static final Pattern PATH_PART = Pattern.compile("([\\w-]+)|\\['([^']+)'\\]");

  private Arguments() {}

  /**
   * The arguments of a new AnalysisRun: the template's, each taking the rollout's value when it
   * gives one. Values and fieldRefs are resolved now; secretKeyRefs stay references, read only
   * when measuring. Throws IllegalArgumentException naming an argument that has no value.
   *
   * @param rollout the rollout as JSON, with the revisions as just decided
   */
  public static List<Argument> resolve(List<Argument> declared, List<Argument> given,
      JsonNode rollout) {
    Map<String, Argument> byName = new LinkedHashMap<>();
    for (Argument arg : declared == null ? List.<Argument>of() : declared) {
      byName.put(arg.name, arg);
    }
    for (Argument arg : given == null ? List.<Argument>of() : given) {
      byName.put(arg.name, arg);
    }
    List<Argument> resolved = new ArrayList<>();
    for (Argument arg : byName.values()) {
      if (arg.valueFrom != null && arg.valueFrom.fieldRef != null) {
        resolved.add(new Argument(arg.name, field(rollout, arg.valueFrom.fieldRef.fieldPath)));
      } else if (arg.value != null || (arg.valueFrom != null
          && arg.valueFrom.secretKeyRef != null)) {
        resolved.add(arg);
      } else {
        throw new IllegalArgumentException("analysis argument " + arg.name + " has no value");
      }
    }
    return resolved;
  }

  /**
   * The rollout as JSON for fieldRefs, with the revisions as they are being decided (the fresh
   * baseline's, {@code status.canary.baselineRevision}, only when there is one).
   */
  public static JsonNode rolloutJson(Rollout rollout, String stableRevision,
      String updatedRevision, String baselineRevision) {
    ObjectNode json = JSON.valueToTree(rollout);
    ObjectNode status = json.with("status");
    status.put("stableRevision", stableRevision);
    status.put("updatedRevision", updatedRevision);
    if (baselineRevision != null) {
      status.with("canary").put("baselineRevision", baselineRevision);
    }
    return json;
  }

  /** Reads a field of the rollout such as {@code metadata.labels['app']}. */
  static String field(JsonNode rollout, String path) {
    JsonNode node = rollout;
    Matcher part = PATH_PART.matcher(path);
    while (part.find()) {
      node = node.path(part.group(1) != null ? part.group(1) : part.group(2));
    }
    if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      throw new IllegalArgumentException("fieldRef " + path + " has no value in the Rollout");
    }
    return node.asText();
  }

  /** The metric with every {@code {{args.name}}} replaced by its value. */
  public static Metric substitute(Metric metric, Map<String, String> values) {
    try {
      JsonNode tree = replace(JSON.valueToTree(metric), values);
      return JSON.treeToValue(tree, Metric.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metric " + metric.name + " cannot be copied", e);
    }
  }

  /** The text with every {@code {{args.name}}} replaced by its value. */
  public static String substitute(String text, Map<String, String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String value = values.get(placeholder.group(1));
      if (value == null) {
        throw new IllegalArgumentException("{{args." + placeholder.group(1)
            + "}} is used but there is no such argument");
      }
      placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(out);
    return out.toString();
  }

  /** The names of the arguments a text's placeholders use, in order. */
  public static List<String> used(String text) {
    return PLACEHOLDER.matcher(text).results().map(placeholder -> placeholder.group(1))
        .toList();
  }

  private static JsonNode replace(JsonNode node, Map<String, String> values) {
    if (node.isTextual()) {
      return TextNode.valueOf(substitute(node.asText(), values));
    }
    if (node.isObject()) {
      var copy = JSON.createObjectNode();
      node.fields().forEachRemaining(f -> copy.set(f.getKey(), replace(f.getValue(), values)));
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(item -> copy.add(replace(item, values)));
      return copy;
    }
    return node;
  }
}
