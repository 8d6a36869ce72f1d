package dev.ramp.cli.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.schema.CrdSchema;
import dev.ramp.engine.spec.MetricChecks;
import dev.ramp.engine.spec.SpecValidator;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks manifests of Ramp's kinds offline, as they would be checked in a cluster: first against
 * the CRD schema, as the API server does on apply, then (for what the schema accepts) with the
 * checks Ramp's controller makes before it runs a spec.
 */
final class ManifestLinter {
  /** The kinds checked, and the CRD of each. */
  private static final Map<String, String> CRDS = Map.of(
      "Rollout", "rollouts.ramp.dev",
      "AnalysisTemplate", "analysistemplates.ramp.dev",
      "ClusterAnalysisTemplate", "clusteranalysistemplates.ramp.dev");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final NotificationsLint notifications = new NotificationsLint();
  /** Parsed on first use: parsing compiles the CEL rules of a schema. */
  private final Map<String, CrdSchema> schemas = new HashMap<>();

  /**
   * @param documents how many documents were read
   * @param problems one line per problem: file, document, field, what is wrong
   * @param notes documents that were not checked, and why
   */
  record Result(int documents, List<String> problems, List<String> notes) {}

  /**
   * Reads the notifications ConfigMap of the input, if it has one, so that the Rollouts'
   * subscriptions are checked against it wherever it comes in the input.
   */
  void readNotifications(String yaml) {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document != null && NotificationsLint.isConfig(document)) {
          notifications.config(document);
        }
      }
    } catch (IOException e) {
      // not YAML: lint says so
    }
  }

  Result lint(String file, String yaml) {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue; // an empty document, such as one between two "---"
        }
        index++;
        lintDocument(file + ": document " + index + describe(document), document, problems,
            notes);
      }
    } catch (JsonProcessingException e) {
      problems.add(file + ": not valid YAML after document " + index + ": "
          + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(index, problems, notes);
  }

  private void lintDocument(String where, JsonNode document, List<String> problems,
      List<String> notes) {
    String kind = document.path("kind").asText("");
    String apiVersion = document.path("apiVersion").asText("");
    if (NotificationsLint.isConfig(document)) {
      notifications.config(document).forEach(problem -> problems.add(where + ": " + problem));
      return;
    }
    if (!document.isObject() || !apiVersion.startsWith(Rollout.GROUP + "/")
        || !CRDS.containsKey(kind)) {
      notes.add(where + ": skipped: only Rollout, AnalysisTemplate, ClusterAnalysisTemplate and"
          + " the ConfigMap ramp-notifications are checked");
      return;
    }
    List<String> found = new ArrayList<>();
    if (!apiVersion.equals(Rollout.API_VERSION)) {
      found.add("apiVersion: Unsupported value: \"" + apiVersion + "\": supported values: \""
          + Rollout.API_VERSION + "\"");
    }
    found.addAll(schema(kind).validate(document));
    // As in a cluster: what the schema refuses never reaches the controller.
    if (found.isEmpty()) {
      found.addAll(kind.equals("Rollout") ? rolloutProblems(document)
          : metricProblems(document));
    }
    if (kind.equals("Rollout")) {
      found.addAll(notifications.subscriptions(document));
    }
    found.forEach(problem -> problems.add(where + ": " + problem));
  }

  private List<String> rolloutProblems(JsonNode document) {
    return SpecValidator.check(serialization.convertValue(document, Rollout.class).getSpec());
  }

  /**
   * The controller's checks of each metric (count, limits and durations with the template's
   * arguments, CEL conditions, the judge's settings).
   */
  private List<String> metricProblems(JsonNode template) {
    List<String> problems = new ArrayList<>();
    AnalysisTemplateSpec spec =
        serialization.convertValue(template.path("spec"), AnalysisTemplateSpec.class);
    for (int i = 0; i < spec.metrics.size(); i++) {
      String at = "spec.metrics[" + i + "]: ";
      MetricChecks.check(spec.metrics.get(i), spec.args)
          .forEach(problem -> problems.add(at + problem));
    }
    return problems;
  }

  private CrdSchema schema(String kind) {
    return schemas.computeIfAbsent(kind, k -> {
      String resource = "/META-INF/fabric8/" + CRDS.get(k) + "-v1.yml";
      try (InputStream crd = ManifestLinter.class.getResourceAsStream(resource)) {
        return CrdSchema.parse(new String(crd.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the CRD " + resource, e);
      }
    });
  }

  /** " (Rollout checkout)". */
  private static String describe(JsonNode document) {
    String kind = document.path("kind").asText("");
    String name = document.path("metadata").path("name").asText("");
    String both = (kind + " " + name).trim();
    return both.isEmpty() ? "" : " (" + both + ")";
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
            + ")";
  }
}
