package dev.ramp.controller.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.schema.CrdSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server would say about an object of Ramp's kinds: its CRD's schema, as the build
 * generates it, checked the way {@code kubectl ramp lint} and the sandbox check it. The CRUD mock
 * behind the controller tests validates nothing, so this stands in for it.
 */
public final class Schemas {
  private static final Map<String, String> CRDS = Map.of(
      "Rollout", "rollouts.ramp.dev",
      "AnalysisTemplate", "analysistemplates.ramp.dev",
      "ClusterAnalysisTemplate", "clusteranalysistemplates.ramp.dev",
      "Experiment", "experiments.ramp.dev");

  private final Map<String, CrdSchema> byKind = new HashMap<>();

  public List<String> problems(JsonNode object) {
    return byKind.computeIfAbsent(object.path("kind").asText(), Schemas::load)
        .validate(object);
  }

  private static CrdSchema load(String kind) {
    String resource = "/META-INF/fabric8/" + CRDS.get(kind) + "-v1.yml";
    try (InputStream crd = Schemas.class.getResourceAsStream(resource)) {
      return CrdSchema.parse(new String(crd.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
