package dev.ramp.sim.bench;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One analysis on one scenario, over all runs; quantiles are nearest-rank.
 *
 * <p>Requests to rollback are counted among the runs that were rolled back (null when none was).
 * Seconds to decision and to full promotion are medians over all runs, a run that never got
 * there counting as later than any: they are null when half of the runs or more never did, so a
 * number always describes the typical release.
 *
 * @param rollbackRate the share of runs rolled back
 * @param medianCanaryRequestsToRollback requests the new version served before it was rolled
 *     back
 * @param medianFailedRequestsServed failed (in a latency scenario, slow) requests the new
 *     version served while the release ran (until rolled back or fully promoted), over all runs
 */
public record DetectionRow(String analysis, String scenario, int runs, double rollbackRate,
    Long medianCanaryRequestsToRollback, Long p90CanaryRequestsToRollback,
    Long medianFailedRequestsServed, Long medianSecondsToDecision,
    Long medianSecondsToFullPromotion) {

  static DetectionRow of(String analysis, Scenario scenario, List<ReleaseOutcome> outcomes) {
    List<ReleaseOutcome> rolledBack = outcomes.stream().filter(ReleaseOutcome::rolledBack)
        .toList();
    List<Long> requestsToRollback = sorted(rolledBack, ReleaseOutcome::newRequests);
    return new DetectionRow(analysis, scenario.name(), outcomes.size(),
        (double) rolledBack.size() / outcomes.size(),
        quantile(requestsToRollback, 0.5), quantile(requestsToRollback, 0.9),
        quantile(sorted(outcomes, ReleaseOutcome::newErrors), 0.5),
        quantile(sorted(outcomes, ReleaseOutcome::secondsToDecision), 0.5),
        quantile(sorted(outcomes, ReleaseOutcome::secondsToFullPromotion), 0.5));
  }

  /** The values in ascending order, nulls (never) last. */
  private static List<Long> sorted(List<ReleaseOutcome> outcomes,
      Function<ReleaseOutcome, Long> value) {
    return outcomes.stream().map(value)
        .sorted(Comparator.nullsLast(Comparator.<Long>naturalOrder())).toList();
  }

  /** The nearest-rank quantile of sorted values, null when there are none or it is never. */
  static Long quantile(List<Long> sorted, double q) {
    return sorted.isEmpty() ? null
        : sorted.get((int) Math.max(0, Math.ceil(q * sorted.size()) - 1));
  }
}
