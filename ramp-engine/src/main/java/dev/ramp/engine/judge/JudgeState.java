package dev.ramp.engine.judge;

import java.util.Arrays;

/**
 * What {@link RatioJudge} remembers between batches, as plain numbers: store it in the analysis
 * status and a restarted controller continues the same test from where it was.
 *
 * @param canaryRequests canary requests over all batches so far
 * @param canaryEvents canary events over all batches so far
 * @param stableRequests stable requests over all batches so far
 * @param stableEvents stable events over all batches so far
 * @param lastCanaryShare the canary's share of requests in the last batch that had traffic on both
 *     sides, 0 before any; it says how fast evidence will come
 * @param logLikelihoodRatios the evidence: for i = 0..144, the log likelihood ratio of the ratio
 *     2^(i/12 − 6) against ratio 1, summed over the batches (see {@code RatioGrid})
 */
public record JudgeState(long canaryRequests, long canaryEvents, long stableRequests,
    long stableEvents, double lastCanaryShare, double[] logLikelihoodRatios) {

  /**
   * Refuses a state no run of batches can reach (a status edited by hand or damaged), saying
   * what is wrong: the judge's arithmetic assumes whole counts and finite evidence.
   */
  public JudgeState {
    countsOf("canary", canaryRequests, canaryEvents);
    countsOf("stable", stableRequests, stableEvents);
    if (!(lastCanaryShare >= 0 && lastCanaryShare <= 1)) {
      throw new IllegalArgumentException(
          "the last canary share must lie between 0 and 1, is " + lastCanaryShare);
    }
    if (logLikelihoodRatios.length != RatioGrid.SIZE) {
      throw new IllegalArgumentException("expected " + RatioGrid.SIZE
          + " log likelihood ratios, got " + logLikelihoodRatios.length);
    }
    for (int i = 0; i < logLikelihoodRatios.length; i++) {
      if (!Double.isFinite(logLikelihoodRatios[i])) {
        throw new IllegalArgumentException("log likelihood ratio " + i + " of "
            + logLikelihoodRatios.length + " is " + logLikelihoodRatios[i]
            + ", not a finite number");
      }
    }
    logLikelihoodRatios = logLikelihoodRatios.clone();
  }

  private static void countsOf(String side, long requests, long events) {
    if (requests < 0 || events < 0) {
      throw new IllegalArgumentException("negative " + side + " total: " + events
          + " events in " + requests + " requests");
    }
    if (events > requests) {
      throw new IllegalArgumentException("more " + side + " events than requests: " + events
          + " events in " + requests + " requests");
    }
  }

  /** Before the first batch. */
  public static JudgeState initial() {
    return new JudgeState(0, 0, 0, 0, 0, new double[RatioGrid.SIZE]);
  }

  @Override
  public double[] logLikelihoodRatios() {
    return logLikelihoodRatios.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JudgeState s && canaryRequests == s.canaryRequests
        && canaryEvents == s.canaryEvents && stableRequests == s.stableRequests
        && stableEvents == s.stableEvents
        && Double.compare(lastCanaryShare, s.lastCanaryShare) == 0
        && Arrays.equals(logLikelihoodRatios, s.logLikelihoodRatios);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(new double[] {canaryRequests, canaryEvents, stableRequests,
        stableEvents, lastCanaryShare}) + Arrays.hashCode(logLikelihoodRatios);
  }

  @Override
  public String toString() {
    return "JudgeState[canaryRequests=" + canaryRequests + ", canaryEvents=" + canaryEvents
        + ", stableRequests=" + stableRequests + ", stableEvents=" + stableEvents
        + ", lastCanaryShare=" + lastCanaryShare + ", logLikelihoodRatios="
        + Arrays.toString(logLikelihoodRatios) + "]";
  }
}
