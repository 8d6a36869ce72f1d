package dev.ramp.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The committed API reference in docs/reference/ is what the CRDs say. The build generates the
 * CRDs before the tests run, so a changed field description shows here; regenerate with
 * {@value #REGENERATE}.
 */
class ApiReferenceTest {
  static final String REGENERATE =
      "./mvnw -q test -pl ramp-api -Dtest=ApiReferenceTest -Dramp.reference.write=true";

  private static final Path CRDS = Path.of("..", "deploy", "crds");
  private static final Path REFERENCE = Path.of("..", "docs", "reference");

  @Test
  void theCommittedReferenceIsGeneratedFromTheCurrentCrds() throws IOException {
    Map<String, String> generated = ApiReference.pages(CRDS);
    if (Boolean.getBoolean("ramp.reference.write")) {
      Files.createDirectories(REFERENCE);
      for (var page : generated.entrySet()) {
        Files.writeString(REFERENCE.resolve(page.getKey()), page.getValue());
      }
    }
    assertThat(committedPages())
        .as("docs/reference/ is out of date with deploy/crds/: regenerate it with " + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyFieldOfEveryKindIsListed() throws IOException {
    Map<String, String> pages = ApiReference.pages(CRDS);
    assertThat(pages).containsOnlyKeys("rollout.md", "analysistemplate.md",
        "clusteranalysistemplate.md", "analysisrun.md", "experiment.md");
    assertThat(pages.get("rollout.md"))
        .contains("| `spec.strategy.canary.steps[].setWeight` | integer | no | ")
        .contains("| `spec.workloadRef.name` | string | yes | ")
        .contains("| `spec.strategy.canary.maxSurge` | integer or string | no | ")
        .contains("| `status.conditions[].type` | string |");
    assertThat(pages.get("experiment.md"))
        .contains("| `spec.templates[].name` | string | yes | ")
        .contains("| `spec.analyses[].requiredForCompletion` | boolean | no | ")
        .contains("| `status.templateStatuses[].podTemplateHash` | string |");
    assertThat(pages.get("analysistemplate.md"))
        .contains("| `spec.metrics[].consecutiveErrorLimit` | integer or string | no | Errors in"
            + " a row tolerated before the run errors, or {{args.name}}. Default 4. Rule: must be"
            + " a whole number, or a string holding {{args.name}}. |");
  }

  private static Map<String, String> committedPages() throws IOException {
    Map<String, String> pages = new TreeMap<>();
    if (Files.isDirectory(REFERENCE)) {
      try (var files = Files.list(REFERENCE)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
          pages.put(file.getFileName().toString(), Files.readString(file));
        }
      }
    }
    return pages;
  }
}
