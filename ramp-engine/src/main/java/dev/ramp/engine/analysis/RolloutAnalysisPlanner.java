package dev.ramp.engine.analysis;

import dev.ramp.api.Phase;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.Action;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Copies;
import dev.ramp.engine.Observation;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.canary.CanarySteps;
import dev.ramp.engine.state.RolloutState;
import dev.ramp.engine.workload.FreshBaseline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AnalysisRuns a rollout needs now (its current analysis step's, its background one): created
 * when missing, and every other run still measuring stopped, except one for an analysis still
 * ahead, so that no run outlives what it was for; once the rollout is aborted every run is
 * stopped, so that a run is never reused after an abort.
 */
public final class RolloutAnalysisPlanner {
  public static final String BACKGROUND = "background";

  /**
   * The actions, and the runs in use (for the rollout's status; null when none).
   *
   * @param stepKind the run kind of the current step's analysis ({@code stepRun}'s)
   */
  public record Result(List<Action> actions, String stepKind, String stepRun,
      String backgroundRun) {}

  private RolloutAnalysisPlanner() {}

  /**
   * @param canaryWeight the canary's weight this decision sets, null for a blue-green rollout:
   *     each run in use is told of it, after the router (see {@link Action.MarkCanaryWeight})
   */
  public static Result plan(RolloutState s, Observation o, Integer canaryWeight) {
    Map<String, RolloutAnalysis> needed = new LinkedHashMap<>();
    if (s.updating() && s.phase != Phase.Aborted) {
      CanarySteps steps = o.spec().steps();
      if (s.stepIndex < steps.count() && steps.at(s.stepIndex).analysis != null) {
        needed.put(steps.runKind(s.stepIndex), steps.at(s.stepIndex).analysis);
      }
      RolloutAnalysis background = o.spec().backgroundAnalysis();
      if (background != null && s.stepIndex >= startingStep(o)) {
        needed.put(BACKGROUND, background);
      }
    }
    boolean guarding = JudgeGate.guarding(s, o);
    if (guarding) {
      // the promoted revision keeps its judge, which sees all the traffic on it now
      needed.put(BACKGROUND, o.spec().backgroundAnalysis());
    }
    Integer weight = guarding ? Integer.valueOf(o.spec().canary().weightTotal()) : canaryWeight;
    List<Action> actions = new ArrayList<>();
    Map<String, String> inUse = new LinkedHashMap<>();
    needed.forEach((kind, analysis) -> {
      Optional<AnalysisRunView> current = o.runs().current(s.updatedRevision, kind)
          .filter(run -> !s.retiredRuns.contains(run.name()));
      String name = current.map(AnalysisRunView::name)
          .orElseGet(() -> o.runs().nextName(s.updatedRevision, kind));
      if (current.isEmpty()) {
        actions.add(new Action.CreateAnalysisRun(name, s.updatedRevision, kind,
            spec(analysis, s, o)));
      }
      inUse.put(kind, name);
      if (weight != null && !weight.equals(
          current.map(AnalysisRunView::canaryWeight).orElse(null))) {
        actions.add(new Action.MarkCanaryWeight(name, weight));
      }
    });
    Set<String> ahead = kindsAhead(s, o);
    boolean retired = retired(o);
    for (AnalysisRunView run : o.runs().all()) {
      boolean forAStepAhead = run.revision().equals(s.updatedRevision)
          && ahead.contains(run.kind());
      // A run that ended on its own keeps its verdict where a decision on an older status (its
      // own status write lost) finds it again; it is stopped only once the rollout is aborted,
      // so that a retry starts a new run rather than reading the old verdict.
      boolean done = run.phase().completed() && !retired && !s.retiredRuns.contains(run.name());
      if (!run.terminated() && !inUse.containsValue(run.name()) && !forAStepAhead && !done) {
        actions.add(new Action.TerminateAnalysisRun(run.name()));
      }
    }
    String stepKind = inUse.keySet().stream().filter(kind -> !kind.equals(BACKGROUND))
        .findFirst().orElse(null);
    return new Result(actions, stepKind, inUse.get(stepKind), inUse.get(BACKGROUND));
  }

  /** The status as read says the rollout was aborted: its runs are done with. */
  private static boolean retired(Observation o) {
    return o.rollout().getStatus() != null
        && Phase.Aborted.name().equals(o.rollout().getStatus().phase);
  }

  /**
   * The run kinds of the analyses the rollout has not reached yet (later steps, the background
   * analysis before its step). A run of one of them was created by a decision whose status write
   * did not go through (a lost answer): it is kept for when the rollout gets there, not stopped
   * and started over.
   */
  private static Set<String> kindsAhead(RolloutState s, Observation o) {
    if (!s.updating() || s.phase == Phase.Aborted) {
      return Set.of();
    }
    Set<String> kinds = new HashSet<>();
    CanarySteps steps = o.spec().steps();
    for (int i = s.stepIndex + 1; i < steps.count(); i++) {
      if (steps.at(i).analysis != null) {
        kinds.add(steps.runKind(i));
      }
    }
    if (o.spec().backgroundAnalysis() != null) {
      kinds.add(BACKGROUND);
    }
    return kinds;
  }

  /** The run's spec: the templates' metrics, and their arguments with the rollout's values. */
  private static AnalysisRunSpec spec(RolloutAnalysis analysis, RolloutState s, Observation o) {
    List<Metric> metrics = new ArrayList<>();
    List<Argument> declared = new ArrayList<>();
    for (RolloutAnalysis.TemplateRef ref : analysis.templates) {
      AnalysisTemplateSpec template = o.templates().get(Snapshot.templateKey(ref));
      template.metrics.forEach(metric -> metrics.add(Copies.of(metric)));
      if (template.args != null) {
        declared.addAll(template.args);
      }
    }
    AnalysisRunSpec spec = new AnalysisRunSpec();
    spec.metrics = metrics;
    spec.args = Arguments.resolve(declared, analysis.args,
        Arguments.rolloutJson(o.rollout(), s.stableRevision, s.updatedRevision,
            FreshBaseline.of(o, s.stableRevision).map(FreshBaseline::revision).orElse(null)));
    return spec;
  }

  /**
   * The step the background analysis starts at: startingStep counts the spec's steps, and the
   * gates and hooks added before that step come before it (no analysis while a release gate
   * holds the release back).
   */
  public static int startingStep(Observation o) {
    Integer starting = o.spec().backgroundAnalysis().startingStep;
    return o.spec().steps().position(starting == null ? 0 : starting);
  }
}
