package dev.ramp.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.RampLabels;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.SetCanaryScale;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.OtherWorkloadView;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.analysis.Arguments;
import dev.ramp.engine.analysis.JudgeGate;
import dev.ramp.engine.analysis.MetricSettings;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks a Rollout spec must pass beyond its schema. Each problem is one sentence that names
 * the field, so a person can fix it from the message alone.
 */
public final class SpecValidator {
  private static final String STEP_KINDS =
      "setWeight, pause, setCanaryScale, analysis, experiment, awaitAcceptance, gate,"
          + " setHeaderRoute, setMirrorRoute";
  private static final String SCALE_GOES_WITH =
      "; setCanaryScale may also go with setWeight, setHeaderRoute or setMirrorRoute";

  private static final String OWN_LABELS = "give each workload labels of its own";

  private SpecValidator() {}

  /** Checks that need nothing but the spec (also what {@code kubectl ramp lint} runs). */
  public static List<String> check(RolloutSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec is missing");
      return problems;
    }
    if (spec.unreadable != null) {
      problems.add(spec.unreadable);
      return problems;
    }
    if (spec.replicas != null && spec.replicas < 0) {
      problems.add("spec.replicas must not be negative (is " + spec.replicas + ")");
    }
    if (spec.template != null && spec.workloadRef != null) {
      problems.add("spec.template and spec.workloadRef are mutually exclusive: set one of them");
    }
    if (spec.template == null && spec.workloadRef == null) {
      problems.add("spec.template or spec.workloadRef is required");
    }
    if (spec.workloadRef != null) {
      checkWorkloadRef(spec, problems);
    }
    if (spec.template != null) {
      checkSelector(spec.selector, spec.template, "spec.template", problems);
      PodTemplateChecks.check(spec.template, "spec.template", problems);
    }
    if (spec.selector != null) {
      checkSelectorLabels(spec.selector, problems);
    }
    if (spec.progressDeadlineSeconds != null && spec.progressDeadlineSeconds <= 0) {
      problems.add("spec.progressDeadlineSeconds must be positive");
    }
    if (spec.revisionHistoryLimit != null && spec.revisionHistoryLimit < 0) {
      problems.add("spec.revisionHistoryLimit must not be negative");
    }
    if (spec.restartAt != null) {
      try {
        Instant.parse(spec.restartAt);
      } catch (DateTimeParseException e) {
        problems.add("spec.restartAt \"" + spec.restartAt + "\" is not an RFC 3339 time");
      }
    }
    if (spec.strategy == null
        || (spec.strategy.canary == null) == (spec.strategy.blueGreen == null)) {
      problems.add("spec.strategy must set exactly one of canary, blueGreen");
    } else if (spec.strategy.canary != null) {
      checkCanary(spec.strategy.canary, problems);
    } else {
      checkBlueGreen(spec.strategy.blueGreen, problems);
    }
    return problems;
  }

  /**
   * Checks against the cluster: that the Services and Deployment the spec names exist, and that
   * the selector matches the Deployment's template.
   */
  public static List<String> checkReferences(
      RolloutSpec spec,
      Predicate<String> serviceExists,
      PodTemplateSpec workloadTemplate,
      LabelSelector workloadSelector) {
    List<String> problems = new ArrayList<>();
    for (String service : services(spec.strategy)) {
      if (!serviceExists.test(service)) {
        problems.add("Service \"" + service + "\" does not exist");
      }
    }
    if (spec.workloadRef != null) {
      if (workloadTemplate == null) {
        problems.add("Deployment \"" + spec.workloadRef.name + "\" (spec.workloadRef) does not exist");
      } else {
        LabelSelector selector = spec.selector != null ? spec.selector : workloadSelector;
        checkSelector(selector, workloadTemplate, "the template of Deployment \""
            + spec.workloadRef.name + "\"", problems);
        PodTemplateChecks.check(workloadTemplate, "Deployment \"" + spec.workloadRef.name
            + "\" spec.template", problems);
      }
    }
    return problems;
  }

  /**
   * Checks that the rollout's pods and those of the other workloads are told apart by their
   * labels: otherwise Services, metrics and people would count each other's pods.
   */
  public static List<String> checkOverlaps(LabelSelector selector, PodTemplateSpec template,
      List<OtherWorkloadView> others) {
    Map<String, String> labels =
        template.getMetadata() == null ? null : template.getMetadata().getLabels();
    List<String> problems = new ArrayList<>();
    for (OtherWorkloadView other : others) {
      String named = other.kind() + " \"" + other.name() + "\"";
      if (LabelSelectors.matches(selector, other.podLabels())) {
        problems.add("spec.selector \"" + LabelSelectors.format(selector) + "\" also selects"
            + " the pods of " + named + ": " + OWN_LABELS);
      } else if (!LabelSelectors.isEmpty(other.selector())
          && LabelSelectors.matches(other.selector(), labels)) {
        problems.add("the selector \"" + LabelSelectors.format(other.selector()) + "\" of "
            + named + " also selects the pods of this Rollout: " + OWN_LABELS);
      }
    }
    return problems;
  }

  /**
   * Checks the analyses a spec names against the templates found (keyed as {@link
   * dev.ramp.engine.Snapshot#templateKey}): each must exist, metric names must not repeat across
   * the templates of one analysis, and a step's analysis must end (a metric with an interval
   * needs a count there).
   */
  public static List<String> checkAnalyses(RolloutSpec spec,
      Map<String, AnalysisTemplateSpec> templates, JsonNode rollout) {
    List<String> problems = new ArrayList<>();
    BlueGreenStrategy blueGreen = spec.strategy.blueGreen;
    if (blueGreen != null) {
      String at = "spec.strategy.blueGreen.";
      if (blueGreen.prePromotionAnalysis != null) {
        checkAnalysis(blueGreen.prePromotionAnalysis, templates, rollout, true,
            at + "prePromotionAnalysis", problems);
      }
      if (blueGreen.postPromotionAnalysis != null) {
        checkAnalysis(blueGreen.postPromotionAnalysis, templates, rollout, true,
            at + "postPromotionAnalysis", problems);
      }
      return problems;
    }
    CanaryStrategy canary = spec.strategy.canary;
    List<CanaryStep> steps = canary.steps == null ? List.of() : canary.steps;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).analysis != null) {
        checkAnalysis(steps.get(i).analysis, templates, rollout, true,
            "spec.strategy.canary.steps[" + i + "].analysis", problems);
      }
    }
    if (canary.analysis != null) {
      checkAnalysis(canary.analysis, templates, rollout, false, "spec.strategy.canary.analysis",
          problems);
    }
    boolean judged = canary.analysis != null && JudgeGate.hasJudge(canary.analysis, templates);
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).awaitAcceptance != null && !judged) {
        problems.add("spec.strategy.canary.steps[" + i + "].awaitAcceptance needs a judge to"
            + " wait for: a background analysis (spec.strategy.canary.analysis) with a compare"
            + " metric");
      }
    }
    return problems;
  }

  private static void checkAnalysis(RolloutAnalysis analysis,
      Map<String, AnalysisTemplateSpec> templates, JsonNode rollout, boolean mustEnd, String at,
      List<String> problems) {
    List<Argument> declared = new ArrayList<>();
    for (RolloutAnalysis.TemplateRef ref : analysis.templates) {
      AnalysisTemplateSpec template = templates.get(Snapshot.templateKey(ref));
      if (template == null) {
        problems.add(at + ": " + (Boolean.TRUE.equals(ref.clusterScope)
            ? "ClusterAnalysisTemplate" : "AnalysisTemplate") + " \"" + ref.templateName
            + "\" does not exist");
      } else if (template.args != null) {
        declared.addAll(template.args);
      }
    }
    List<Argument> args = null;
    try {
      args = Arguments.resolve(declared, analysis.args, rollout);
    } catch (IllegalArgumentException e) {
      problems.add(at + ": " + e.getMessage());
    }
    Set<String> metrics = new HashSet<>();
    for (RolloutAnalysis.TemplateRef ref : analysis.templates) {
      AnalysisTemplateSpec template = templates.get(Snapshot.templateKey(ref));
      for (Metric metric : template == null ? List.<Metric>of() : template.metrics) {
        if (!metrics.add(metric.name)) {
          problems.add(at + ": metric " + metric.name + " is in more than one template");
        }
        // Without all the values, what uses a missing one is checked once it has one.
        MetricChecks.check(metric, args != null ? args : declared).forEach(problem ->
            problems.add(at + ": " + problem + " (template " + ref.templateName + ")"));
        if (mustEnd && args != null && endless(metric, args)) {
          problems.add(at + ": metric " + metric.name + " of " + ref.templateName
              + " has an interval but no count, so the step would never end");
        }
      }
    }
  }

  private static boolean endless(Metric metric, List<Argument> args) {
    try {
      return MetricSettings.of(metric, args).count() == null;
    } catch (IllegalArgumentException e) {
      return false; // its settings are wrong, which the metric's checks said
    }
  }

  private static void checkWorkloadRef(RolloutSpec spec, List<String> problems) {
    if (spec.workloadRef.name == null || spec.workloadRef.name.isBlank()) {
      problems.add("spec.workloadRef.name is required");
    }
    if (spec.workloadRef.kind != null && !"Deployment".equals(spec.workloadRef.kind)) {
      problems.add("spec.workloadRef.kind must be Deployment (is " + spec.workloadRef.kind + ")");
    }
    if (spec.workloadRef.apiVersion != null && !"apps/v1".equals(spec.workloadRef.apiVersion)) {
      problems.add(
          "spec.workloadRef.apiVersion must be apps/v1 (is " + spec.workloadRef.apiVersion + ")");
    }
  }

  private static void checkSelector(
      LabelSelector selector, PodTemplateSpec template, String templateName, List<String> problems) {
    if (template.getSpec() == null || template.getSpec().getContainers() == null
        || template.getSpec().getContainers().isEmpty()) {
      problems.add(templateName + " has no containers");
    }
    if (LabelSelectors.isEmpty(selector)) {
      problems.add("spec.selector is required and must not be empty");
      return;
    }
    Map<String, String> labels =
        template.getMetadata() == null ? null : template.getMetadata().getLabels();
    if (!LabelSelectors.matches(selector, labels)) {
      problems.add(
          "spec.selector \"" + LabelSelectors.format(selector) + "\" does not match the labels of "
              + templateName + " " + (labels == null ? "{}" : labels));
    }
    if (selector.getMatchLabels() != null
        && selector.getMatchLabels().containsKey(RampLabels.POD_TEMPLATE_HASH)) {
      problems.add("spec.selector must not use " + RampLabels.POD_TEMPLATE_HASH
          + ": Ramp sets that label itself");
    }
  }

  private static void checkSelectorLabels(LabelSelector selector, List<String> problems) {
    PodTemplateChecks.labels(selector.getMatchLabels(), "spec.selector.matchLabels", problems);
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null
        ? List.of() : selector.getMatchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      String at = "spec.selector.matchExpressions[" + i + "]";
      LabelSelectorRequirement expression = expressions.get(i);
      String keyProblem = expression.getKey() == null ? "has no key"
          : LabelSyntax.keyProblem(expression.getKey());
      if (keyProblem != null) {
        problems.add(at + ".key: " + keyProblem);
      }
      List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
      for (int j = 0; j < values.size(); j++) {
        String valueProblem = LabelSyntax.valueProblem(values.get(j));
        if (valueProblem != null) {
          problems.add(at + ".values[" + j + "]: " + valueProblem);
        }
      }
    }
  }

  private static void checkCanary(CanaryStrategy canary, List<String> problems) {
    String at = "spec.strategy.canary";
    if (canary.stableService != null && canary.stableService.equals(canary.canaryService)) {
      problems.add(at + ": stableService and canaryService must be different Services");
    }
    Integer surge = amount(canary.maxSurge, at + ".maxSurge", problems);
    Integer unavailable = amount(canary.maxUnavailable, at + ".maxUnavailable", problems);
    if (surge != null && unavailable != null && surge == 0 && unavailable == 0) {
      problems.add(at + ": maxSurge and maxUnavailable cannot both be 0");
    }
    List<CanaryStep> steps = canary.steps == null ? List.of() : canary.steps;
    for (int i = 0; i < steps.size(); i++) {
      checkStep(steps.get(i), at + ".steps[" + i + "]", canary.weightTotal(), problems);
    }
    if (canary.analysis != null) {
      duration(canary.analysis.maxWait, at + ".analysis.maxWait", problems);
    }
    GateChecks.check(at, canary.gates, canary.hooks, steps, true, problems);
    RoutingChecks.check(canary, problems);
    BaselineChecks.check(canary, problems);
    ExperimentWeightChecks.check(canary, problems);
  }

  private static void checkBlueGreen(BlueGreenStrategy blueGreen, List<String> problems) {
    String at = "spec.strategy.blueGreen";
    if (blueGreen.activeService == null || blueGreen.activeService.isBlank()) {
      problems.add(at + ".activeService is required");
    } else if (blueGreen.activeService.equals(blueGreen.previewService)) {
      problems.add(at + ": activeService and previewService must be different Services");
    }
    if (blueGreen.previewReplicaCount != null && blueGreen.previewReplicaCount < 1) {
      problems.add(at + ".previewReplicaCount must be at least 1");
    }
    GateChecks.check(at, blueGreen.gates, blueGreen.hooks, List.of(), false, problems);
  }

  /** The Services a strategy pins to revisions. */
  public static List<String> services(RolloutStrategy strategy) {
    List<String> services = new ArrayList<>();
    if (strategy.canary != null) {
      services.add(strategy.canary.stableService);
      services.add(strategy.canary.canaryService);
      services.add(strategy.canary.baselineService);
      if (strategy.canary.pingPong != null) {
        services.add(strategy.canary.pingPong.pingService);
        services.add(strategy.canary.pingPong.pongService);
      }
    } else if (strategy.blueGreen != null) {
      services.add(strategy.blueGreen.activeService);
      services.add(strategy.blueGreen.previewService);
    }
    services.removeIf(Objects::isNull);
    return services;
  }

  /** Checks a maxSurge-style value; returns it resolved against 100 replicas, or null. */
  private static Integer amount(IntOrString value, String field, List<String> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Percentages.resolve(value, "0", 100, true);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
      return null;
    }
  }

  private static void checkStep(CanaryStep step, String at, int weightTotal,
      List<String> problems) {
    if (step == null) {
      problems.add(at + " is empty: set one of " + STEP_KINDS);
      return;
    }
    int kinds = (step.setWeight != null ? 1 : 0) + (step.pause != null ? 1 : 0)
        + (step.analysis != null ? 1 : 0) + (step.experiment != null ? 1 : 0)
        + (step.awaitAcceptance != null ? 1 : 0) + (step.gate != null ? 1 : 0)
        + (step.setHeaderRoute != null ? 1 : 0) + (step.setMirrorRoute != null ? 1 : 0);
    // as in Argo Rollouts, a step may size the canary while it weighs or routes
    boolean scaleAlongside = step.setCanaryScale != null && step.pause == null
        && step.analysis == null && step.experiment == null && step.awaitAcceptance == null
        && step.gate == null && kinds <= 1;
    if (kinds + (step.setCanaryScale != null ? 1 : 0) != 1 && !scaleAlongside) {
      problems.add(at + " must set exactly one of " + STEP_KINDS + SCALE_GOES_WITH);
      return;
    }
    if (step.setWeight != null) {
      between(step.setWeight, weightTotal, at + ".setWeight", problems);
    }
    if (step.pause != null) {
      duration(step.pause.duration, at + ".pause.duration", problems);
    }
    if (step.awaitAcceptance != null) {
      duration(step.awaitAcceptance.maxWait, at + ".awaitAcceptance.maxWait", problems);
    }
    if (step.setCanaryScale != null) {
      checkScale(step.setCanaryScale, at + ".setCanaryScale", problems);
    }
  }

  static void duration(IntOrString value, String field, List<String> problems) {
    if (value == null) {
      return;
    }
    try {
      Durations.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
    }
  }

  private static void checkScale(SetCanaryScale scale, String at, List<String> problems) {
    int kinds = (scale.replicas != null ? 1 : 0) + (scale.weight != null ? 1 : 0)
        + (Boolean.TRUE.equals(scale.matchTrafficWeight) ? 1 : 0);
    if (kinds != 1) {
      problems.add(at + " must set exactly one of replicas, weight, matchTrafficWeight");
    }
    if (scale.replicas != null && scale.replicas < 0) {
      problems.add(at + ".replicas must not be negative");
    }
    if (scale.weight != null) {
      between(scale.weight, 100, at + ".weight", problems);
    }
  }

  private static void between(int value, int max, String field, List<String> problems) {
    if (value < 0 || value > max) {
      problems.add(field + " must be between 0 and " + max + " (is " + value + ")");
    }
  }
}
