package dev.ramp.engine.analysis;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.AnalysisRunView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The AnalysisRuns a rollout owns, by revision and kind: which one is in use, and what the next
 * one is called. The first run of a revision and kind is {@code <rollout>-<revision>-<kind>};
 * those that replace it (after a retry, a restarted background analysis) end in {@code .2},
 * {@code .3}, ... so that a new run never takes the name of one that still exists.
 */
public final class RolloutRuns {
  private final String rolloutName;
  private final List<AnalysisRunView> runs;
  private final List<String> namedInStatus;

  private RolloutRuns(String rolloutName, List<AnalysisRunView> runs,
      List<String> namedInStatus) {
    this.rolloutName = rolloutName;
    this.runs = runs;
    this.namedInStatus = namedInStatus;
  }

  /** The runs of {@code rollout}, whose status names the runs it last used. */
  public static RolloutRuns of(Rollout rollout, List<AnalysisRunView> runs) {
    return new RolloutRuns(rollout.getMetadata().getName(), runs == null ? List.of() : runs,
        namedIn(rollout.getStatus()));
  }

  public List<AnalysisRunView> all() {
    return runs;
  }

  /**
   * The run in use for a revision and kind: the newest one that is not terminated or that the
   * status still names. A run is terminated by the decision that stops needing it, before the
   * status saying so is written; a controller that dies in between must still count the run's
   * verdict, not run the analysis again (and perhaps forget that it failed).
   */
  public Optional<AnalysisRunView> current(String revision, String kind) {
    return runs.stream()
        .filter(run -> run.revision().equals(revision) && run.kind().equals(kind)
            && (!run.terminated() || namedInStatus.contains(run.name())))
        .max(Comparator.comparingInt(run -> attempt(run.name())));
  }

  /** The name of a new run for a revision and kind: numbered after the ones there were. */
  public String nextName(String revision, String kind) {
    String base = rolloutName + "-" + revision + "-" + kind;
    long before = runs.stream()
        .filter(run -> run.revision().equals(revision) && run.kind().equals(kind)).count();
    return before == 0 ? base : base + "." + (before + 1);
  }

  private static List<String> namedIn(RolloutStatus status) {
    List<String> named = new ArrayList<>();
    if (status != null && status.canary != null) {
      named.add(status.canary.currentStepAnalysisRun);
      named.add(status.canary.backgroundAnalysisRun);
    }
    if (status != null && status.blueGreen != null) {
      named.add(status.blueGreen.prePromotionAnalysisRun);
      named.add(status.blueGreen.postPromotionAnalysisRun);
    }
    return named;
  }

  /** The number a run's name ends in; 1 for the first run, which has none. */
  private static int attempt(String name) {
    int dot = name.lastIndexOf('.');
    try {
      return dot < 0 ? 1 : Integer.parseInt(name.substring(dot + 1));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
