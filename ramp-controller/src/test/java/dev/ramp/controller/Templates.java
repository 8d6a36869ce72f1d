package dev.ramp.controller;

import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** AnalysisTemplates as the analysis tests write them: one metric, some arguments. */
final class Templates {
  private Templates() {}

  /** The template {@code name}, in the tests' namespace, measuring {@code metric}. */
  static AnalysisTemplate of(String name, Metric metric, Argument... args) {
    AnalysisTemplate template = new AnalysisTemplate();
    template.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(Cluster.NS)
        .build());
    template.setSpec(new AnalysisTemplateSpec());
    template.getSpec().metrics = List.of(metric);
    template.getSpec().args = List.of(args);
    return template;
  }
}
