package dev.ramp.engine;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.Measurement;
import java.util.List;
import java.util.Objects;

/**
 * What Ramp's judge (the compare metrics of an AnalysisRun) says about accepting the canary, read
 * from the run's status.
 *
 * @param accepted the latest measurement of every compare metric is Successful: the ratio's
 *     confidence sequence ends at most at maxRatio and minRequests are in
 * @param measured every compare metric has measured at least once
 * @param moreRequestsNeeded the most canary requests any compare metric still needs to decide,
 *     null when none says
 */
public record JudgeEvidence(boolean accepted, boolean measured, Long moreRequestsNeeded) {

  /** The judge's evidence in a run, or null when the run has no compare metric. */
  public static JudgeEvidence of(AnalysisRun run) {
    List<String> compared = run.getSpec() == null || run.getSpec().metrics == null ? List.of()
        : run.getSpec().metrics.stream()
            .filter(m -> m != null && m.provider != null && m.provider.compare != null)
            .map(m -> m.name).toList();
    if (compared.isEmpty()) {
      return null;
    }
    boolean accepted = compared.stream()
        .map(name -> measurements(run, name))
        .allMatch(m -> !m.isEmpty()
            && AnalysisPhase.Successful.name().equals(m.get(m.size() - 1).phase));
    // a reading that failed (Error) carries no numbers: the judge's last ones still hold
    List<Measurement> judged = compared.stream()
        .map(name -> measurements(run, name).stream().filter(m -> m.compare != null)
            .reduce((first, second) -> second).orElse(null))
        .toList();
    boolean measured = judged.stream().allMatch(Objects::nonNull);
    Long more = judged.stream().filter(m -> m != null && m.compare.moreRequestsNeeded != null)
        .map(m -> m.compare.moreRequestsNeeded).max(Long::compare).orElse(null);
    return new JudgeEvidence(accepted, measured, more);
  }

  /** The metric's measurements kept in the run's status, oldest first. */
  private static List<Measurement> measurements(AnalysisRun run, String metric) {
    if (run.getStatus() == null || run.getStatus().metricResults == null) {
      return List.of();
    }
    return run.getStatus().metricResults.stream()
        .filter(r -> r != null && metric.equals(r.name) && r.measurements != null)
        .map(r -> r.measurements.stream().filter(Objects::nonNull).toList())
        .findFirst().orElse(List.of());
  }
}
