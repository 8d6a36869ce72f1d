package dev.ramp.sim.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.engine.Copies;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Rollout, AnalysisTemplate and HTTPRoute the engine-driven analyses ship (rollout.yaml and
 * co.).
 */
final class Manifests {
  private static final Rollout ROLLOUT = read("rollout.yaml", Rollout.class);
  private static final AnalysisTemplate TEMPLATE =
      read("analysis-template.yaml", AnalysisTemplate.class);
  private static final ObjectNode HTTP_ROUTE = read("httproute.yaml", ObjectNode.class);

  private Manifests() {}

  /** A fresh copy: each simulated release changes its own. */
  static Rollout rollout() {
    return Copies.of(ROLLOUT);
  }

  static AnalysisTemplate analysisTemplate() {
    return Copies.of(TEMPLATE);
  }

  static ObjectNode httpRoute() {
    return HTTP_ROUTE.deepCopy();
  }

  private static <T> T read(String name, Class<T> type) {
    try (InputStream in = Manifests.class.getResourceAsStream(name)) {
      return Serialization.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
