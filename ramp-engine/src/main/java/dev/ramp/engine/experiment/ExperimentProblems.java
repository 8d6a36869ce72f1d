package dev.ramp.engine.experiment;

import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentAnalysis;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.api.experiment.ExperimentTemplate;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.engine.spec.Durations;
import dev.ramp.engine.spec.LabelSelectors;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What keeps an experiment from running, said as its author should read it: the first problem
 * found, checked before anything is created so that a bad spec creates nothing.
 */
public final class ExperimentProblems {
  /** Names end up in label values, which Kubernetes limits to 63 characters. */
  private static final int LABEL_VALUE_MAX = 63;

  private ExperimentProblems() {}

  public static Optional<String> of(Experiment experiment,
      Map<String, AnalysisTemplateSpec> templates) {
    ExperimentSpec spec = experiment.getSpec();
    if (spec == null || spec.templates == null || spec.templates.isEmpty()) {
      return Optional.of("spec.templates is empty: an experiment runs at least one template");
    }
    String name = experiment.getMetadata().getName();
    if (name.length() > LABEL_VALUE_MAX) {
      return Optional.of("the experiment's name is longer than " + LABEL_VALUE_MAX
          + " characters: it labels the experiment's pods, and label values are limited to that");
    }
    Set<String> names = new HashSet<>();
    for (ExperimentTemplate template : spec.templates) {
      Optional<String> problem = problem(template, names);
      if (problem.isPresent()) {
        return problem;
      }
    }
    if (spec.duration != null) {
      try {
        Durations.parse(spec.duration);
      } catch (IllegalArgumentException e) {
        return Optional.of("spec.duration: " + e.getMessage());
      }
    }
    Set<String> analyses = new HashSet<>();
    for (ExperimentAnalysis analysis : list(spec.analyses)) {
      if (analysis.name == null || analysis.name.isBlank()) {
        return Optional.of("an analysis has no name");
      }
      if (!analyses.add(analysis.name)) {
        return Optional.of("two analyses are named " + analysis.name);
      }
      if (!templates.containsKey(ExperimentObservation.templateKey(analysis.templateName,
          analysis.clusterScope))) {
        return Optional.of("analysis " + analysis.name + ": "
            + (Boolean.TRUE.equals(analysis.clusterScope) ? "ClusterAnalysisTemplate "
                : "AnalysisTemplate ") + analysis.templateName + " not found");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> problem(ExperimentTemplate template, Set<String> names) {
    if (template.name == null || template.name.isBlank()) {
      return Optional.of("a template has no name");
    }
    String which = "template " + template.name;
    if (template.name.length() > LABEL_VALUE_MAX) {
      return Optional.of(which + ": the name is longer than " + LABEL_VALUE_MAX
          + " characters: it labels the template's pods, and label values are limited to that");
    }
    if (!names.add(template.name)) {
      return Optional.of("two templates are named " + template.name);
    }
    if (template.template == null || template.template.getSpec() == null) {
      return Optional.of(which + " has no pod template (template.spec)");
    }
    if (LabelSelectors.isEmpty(template.selector)) {
      return Optional.of(which + " has no selector: it needs one matching its pods' labels");
    }
    Map<String, String> labels = template.template.getMetadata() == null ? null
        : template.template.getMetadata().getLabels();
    if (!LabelSelectors.matches(template.selector, labels == null ? Map.of() : labels)) {
      return Optional.of(which + ": selector " + LabelSelectors.format(template.selector)
          + " does not match the pod template's labels");
    }
    if (ExperimentPods.hasService(template) && template.template.getSpec().getContainers()
        .stream().allMatch(container -> container.getPorts().isEmpty())) {
      return Optional.of(which + (template.service != null ? " asks for a Service"
          : " has a weight, which gives it a Service for the router to send it requests")
          + ", but its containers declare no ports");
    }
    return Optional.empty();
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
