package dev.ramp.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.Phase;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.experiment.ExperimentAnalysis;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.api.experiment.ExperimentTemplate;
import dev.ramp.api.experiment.RolloutExperimentStep;
import dev.ramp.engine.Action;
import dev.ramp.engine.Copies;
import dev.ramp.engine.Observation;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.RolloutExperimentView;
import dev.ramp.engine.analysis.Arguments;
import dev.ramp.engine.state.RolloutState;
import dev.ramp.engine.workload.FreshBaseline;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Experiment of a rollout's experiment step: made when the step starts, from the stable
 * and canary pod templates, and retired (terminated and marked so) once the rollout no longer
 * needs it. An experiment that ended on its own is left to scale itself down.
 *
 * <p>Once an aborted rollout's status says so, its experiments are retired: a retry starts a
 * new one ({@code <rollout>-<revision>-<step>-2}, ...) rather than reading the old verdict.
 * An experiment a person terminated is not retired: it ends Successful and completes its step,
 * as in Argo Rollouts.
 */
public final class RolloutExperimentPlanner {
  private RolloutExperimentPlanner() {}

  /**
   * The current step's experiment, when the step is an experiment and it has been made. One
   * Ramp retired is never read again, while one a person terminated is: Ramp's mark, written
   * in the same patch as its terminate, tells the two apart after a restart or a lost status
   * write, which the rollout's status could not.
   */
  public static Optional<RolloutExperimentView> current(RolloutState s, Observation o) {
    if (step(s, o) == null || retired(o)) {
      return Optional.empty();
    }
    return o.experiments().stream()
        .filter(e -> e.revision().equals(s.updatedRevision) && e.step() == s.stepIndex
            && !e.retired())
        .max(Comparator.comparingInt(e -> attempts(o, s, e.name())));
  }

  /** The current step's experiment when it ended Failed, Error or Inconclusive. */
  public static Optional<RolloutExperimentView> failed(RolloutState s, Observation o) {
    return current(s, o).filter(e -> e.phase().completed()
        && e.phase() != AnalysisPhase.Successful);
  }

  /**
   * The shares of requests (percent) the traffic router gives the current step's weighted
   * templates, by Service: each template's {@code weight} while the experiment runs and the
   * template has pods available (Argo's rule: only a Running experiment is routed); none
   * before, and none once it has ended or the rollout has moved on.
   */
  public static Map<String, Integer> weights(RolloutState s, Observation o) {
    Optional<RolloutExperimentView> current = current(s, o)
        .filter(e -> e.phase() == AnalysisPhase.Running);
    if (current.isEmpty()) {
      return Map.of();
    }
    Map<String, Integer> weights = new TreeMap<>();
    for (RolloutExperimentStep.Template template : step(s, o).templates) {
      int weight = template.weight == null ? 0 : template.weight;
      current.get().templates().stream()
          .filter(t -> t.name().equals(template.name) && t.service() != null
              && t.availableReplicas() > 0 && weight > 0)
          .forEach(t -> weights.put(t.service(), weight));
    }
    return weights;
  }

  public static List<Action> plan(RolloutState s, Observation o) {
    List<Action> actions = new ArrayList<>();
    String inUse = null;
    RolloutExperimentStep step = step(s, o);
    if (step != null && s.phase != Phase.Aborted) {
      Optional<RolloutExperimentView> current = current(s, o);
      inUse = current.map(RolloutExperimentView::name).orElse(nextName(s, o));
      Optional<ExperimentSpec> spec = current.isPresent() ? Optional.empty() : spec(step, s, o);
      spec.ifPresent(made -> actions.add(new Action.CreateExperiment(nextName(s, o),
          s.updatedRevision, s.stepIndex, made)));
    }
    for (RolloutExperimentView experiment : o.experiments()) {
      if (!experiment.retired() && !experiment.name().equals(inUse)
          && (retired(o) || !experiment.phase().completed())) {
        actions.add(new Action.TerminateExperiment(experiment.name()));
      }
    }
    return actions;
  }

  /** The current step's experiment spec, or null when the step is not an experiment. */
  private static RolloutExperimentStep step(RolloutState s, Observation o) {
    if (!s.updating() || s.stepIndex >= o.spec().steps().count()) {
      return null;
    }
    return o.spec().steps().at(s.stepIndex).experiment;
  }

  /** The status as read says the rollout was aborted: its experiments are done with. */
  private static boolean retired(Observation o) {
    return o.rollout().getStatus() != null
        && Phase.Aborted.name().equals(o.rollout().getStatus().phase);
  }

  private static String nextName(RolloutState s, Observation o) {
    String base = o.rollout().getMetadata().getName() + "-" + s.updatedRevision + "-"
        + s.stepIndex;
    long before = o.experiments().stream()
        .filter(e -> e.revision().equals(s.updatedRevision) && e.step() == s.stepIndex).count();
    return before == 0 ? base : base + "-" + (before + 1);
  }

  /** How many experiments of the step were made up to this one (1 for the first). */
  private static int attempts(Observation o, RolloutState s, String name) {
    String base = o.rollout().getMetadata().getName() + "-" + s.updatedRevision + "-"
        + s.stepIndex;
    if (!name.startsWith(base + "-")) {
      return 1;
    }
    try {
      return Integer.parseInt(name.substring(base.length() + 1));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * The Experiment: the step's templates with the stable or canary pod template and, unless
   * they give one, the rollout's selector; fieldRefs in the analyses' arguments read from the
   * rollout. Empty while the stable revision's template is not known.
   */
  private static Optional<ExperimentSpec> spec(RolloutExperimentStep step, RolloutState s,
      Observation o) {
    Optional<PodTemplateSpec> stable = o.replicaSet(s.stableRevision)
        .map(ReplicaSetView::template);
    List<ExperimentTemplate> templates = new ArrayList<>();
    for (RolloutExperimentStep.Template t : step.templates) {
      PodTemplateSpec pods = t.specRef == RolloutExperimentStep.SpecRef.stable
          ? stable.orElse(null) : o.spec().template();
      if (pods == null) {
        return Optional.empty();
      }
      ExperimentTemplate template = new ExperimentTemplate();
      template.name = t.name;
      template.replicas = t.replicas;
      template.weight = t.weight;
      template.selector = Copies.of(t.selector != null ? t.selector : o.spec().selector());
      template.template = Copies.of(pods);
      template.metadata = t.metadata == null ? null : Copies.of(t.metadata);
      template.service = t.service == null ? null : Copies.of(t.service);
      templates.add(template);
    }
    ExperimentSpec spec = new ExperimentSpec();
    spec.duration = step.duration;
    spec.templates = templates;
    if (step.analyses != null) {
      JsonNode rollout = Arguments.rolloutJson(o.rollout(), s.stableRevision,
          s.updatedRevision,
          FreshBaseline.of(o, s.stableRevision).map(FreshBaseline::revision).orElse(null));
      spec.analyses = step.analyses.stream().map(a -> withFieldsRead(a, rollout)).toList();
    }
    return Optional.of(spec);
  }

  private static ExperimentAnalysis withFieldsRead(ExperimentAnalysis analysis,
      JsonNode rollout) {
    ExperimentAnalysis copy = Copies.of(analysis);
    if (copy.args != null) {
      copy.args = copy.args.stream()
          .map(arg -> arg.valueFrom != null && arg.valueFrom.fieldRef != null
              ? Arguments.resolve(List.of(), List.of(arg), rollout).get(0) : arg)
          .toList();
    }
    return copy;
  }
}
