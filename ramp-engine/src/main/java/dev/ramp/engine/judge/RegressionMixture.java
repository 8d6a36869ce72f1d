package dev.ramp.engine.judge;

/**
 * The e-process for "the canary's event rate is higher than stable's" (STATISTICS.md, "Rate ratio
 * grid mixture"): E = Σ_j w_j·M_j, where M_j is the likelihood ratio of ratio r_j against ratio 1.
 * While the canary is no worse, each M_j is a test supermartingale: given a batch's events, each
 * lands on the canary with probability at most ρ, and the expected one-event factor θ·θ_j/ρ + (1 −
 * θ)(1 − θ_j)/(1 − ρ) is at most 1 for θ ≤ ρ. (With fixed request counts the split is
 * hypergeometric rather than binomial; the factor is convex in the canary's count, so by
 * Hoeffding's comparison the expectation is smaller still.) Ville's inequality then bounds the
 * chance that E ever reaches 1/α by α, however often it is read.
 *
 * <p>Ratios: the grid points nearest STATISTICS.md's 1.25, 1.5, 2, 3, 5, 10, 20. Weights 1, 2, 10,
 * 4, 4, 6, 1 (over 28): most mass on 2x, the smallest effect with a detection target, and on 10x,
 * which should be caught within about one interval; the rest keeps mild (1.25–1.5x) and extreme
 * regressions covered. Chosen by simulation against STATISTICS.md's targets at a 5% canary, where
 * the binding ones are 2x's p90 and 10x's median; DetectionTest reports what they give.
 */
final class RegressionMixture {
  private static final int[] STEPS_ABOVE_ONE = {4, 7, 12, 19, 28, 40, 52};
  private static final double[] WEIGHT_SHARES = {1, 2, 10, 4, 4, 6, 1};
  private static final int[] INDEX = new int[STEPS_ABOVE_ONE.length];
  private static final double[] LOG_WEIGHT = new double[STEPS_ABOVE_ONE.length];

  static {
    double total = 0;
    for (double share : WEIGHT_SHARES) {
      total += share;
    }
    for (int j = 0; j < INDEX.length; j++) {
      INDEX[j] = RatioGrid.ONE + STEPS_ABOVE_ONE[j];
      LOG_WEIGHT[j] = Math.log(WEIGHT_SHARES[j] / total);
    }
  }

  private RegressionMixture() {}

  static int size() {
    return INDEX.length;
  }

  /** The grid index of the j-th alternative ratio. */
  static int index(int j) {
    return INDEX[j];
  }

  static double logWeight(int j) {
    return LOG_WEIGHT[j];
  }

  /** log E, by log-sum-exp so that large evidence neither overflows nor loses precision. */
  static double logEValue(double[] logLikelihoodRatios) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < INDEX.length; j++) {
      max = Math.max(max, LOG_WEIGHT[j] + logLikelihoodRatios[INDEX[j]]);
    }
    double sum = 0;
    for (int j = 0; j < INDEX.length; j++) {
      sum += Math.exp(LOG_WEIGHT[j] + logLikelihoodRatios[INDEX[j]] - max);
    }
    return max + Math.log(sum);
  }
}
