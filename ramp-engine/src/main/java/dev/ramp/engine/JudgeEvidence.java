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
    List<Measurement> latest = compared.stream().map(name -> latest(run, name)).toList();
    boolean measured = latest.stream().allMatch(m -> m != null && m.compare != null);
    boolean accepted = latest.stream().allMatch(m -> m != null
        && AnalysisPhase.Successful.name().equals(m.phase));
    Long more = latest.stream().filter(Objects::nonNull).map(m -> m.compare)
        .filter(c -> c != null && c.moreRequestsNeeded != null)
        .map(c -> c.moreRequestsNeeded).max(Long::compare).orElse(null);
    return new JudgeEvidence(accepted, measured, more);
  }

  private static Measurement latest(AnalysisRun run, String metric) {
    if (run.getStatus() == null || run.getStatus().metricResults == null) {
      return null;
    }
    return run.getStatus().metricResults.stream()
        .filter(r -> r != null && metric.equals(r.name) && r.measurements != null
            && !r.measurements.isEmpty())
        .map(r -> r.measurements.get(r.measurements.size() - 1))
        .findFirst().orElse(null);
  }
}
