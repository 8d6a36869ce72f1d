package dev.ramp.engine.state;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.JudgeEvidence;
import dev.ramp.engine.Observation;
import dev.ramp.engine.analysis.JudgeGate;
import dev.ramp.engine.analysis.RolloutAnalysisPlanner;
import java.util.Optional;
import java.util.stream.Stream;

/** The verdicts of the analyses a rollout runs now: its current step's, and its background one. */
final class AnalysisVerdicts {
  private AnalysisVerdicts() {}

  /** The current step's analysis run, when the current step is an analysis. */
  static Optional<AnalysisRunView> stepRun(RolloutState s, Observation o) {
    if (!s.updating() || s.stepIndex >= o.spec().steps().count()
        || o.spec().steps().at(s.stepIndex).analysis == null) {
      return Optional.empty();
    }
    return o.runs().current(s.updatedRevision, o.spec().steps().runKind(s.stepIndex));
  }

  /** The background analysis run, when background analysis has started. */
  static Optional<AnalysisRunView> backgroundRun(RolloutState s, Observation o) {
    RolloutAnalysis background = o.spec().backgroundAnalysis();
    if (!s.updating() || background == null || s.stepIndex < RolloutAnalysisPlanner.startingStep(o)) {
      return Optional.empty();
    }
    return o.runs().current(s.updatedRevision, RolloutAnalysisPlanner.BACKGROUND)
        .filter(run -> !s.retiredRuns.contains(run.name()));
  }

  /** A run of either kind that failed or errored. */
  static Optional<AnalysisRunView> failed(RolloutState s, Observation o) {
    return Stream.of(backgroundRun(s, o), stepRun(s, o)).flatMap(Optional::stream)
        .filter(run -> run.phase() == AnalysisPhase.Failed || run.phase() == AnalysisPhase.Error)
        .findFirst();
  }

  /** True when the background run's judge accepts the canary. */
  static boolean judgeAccepted(RolloutState s, Observation o) {
    return backgroundRun(s, o).map(AnalysisRunView::judge).map(JudgeEvidence::accepted)
        .orElse(false);
  }

  /** After full promotion, while the judge still watches it: its run, when failed or errored. */
  static Optional<AnalysisRunView> failedAfterPromotion(RolloutState s, Observation o) {
    if (!JudgeGate.guarding(s, o)) {
      return Optional.empty();
    }
    return o.runs().current(s.stableRevision, RolloutAnalysisPlanner.BACKGROUND)
        .filter(run -> run.phase() == AnalysisPhase.Failed || run.phase() == AnalysisPhase.Error);
  }

  static boolean inconclusive(Optional<AnalysisRunView> run) {
    return run.map(r -> r.phase() == AnalysisPhase.Inconclusive).orElse(false);
  }
}
