package dev.ramp.engine.judge;

/**
 * The ratios not yet rejected at level α by tests that stay valid however often they are read:
 * the confidence sequence that STATISTICS.md ("Promotion") pairs with the count test.
 *
 * <p>The candidates are cells between neighbouring grid points, [g(c−1), g(c)], plus (0, g(0)]
 * and [g(last), ∞). A cell's e-process is M = ½·U(hi) + ½·D(lo), where U(g) = Σ_m v·LR(g·q^m vs
 * g) bets on ratios above the cell, D(g) = Σ_m v·LR(g/q^m vs g) on ratios below it, q = 2^(1/12)
 * is the grid step and LR(a vs g) = exp(L(a) − L(g)) comes from the grid's evidence. One event
 * multiplies LR(a vs g) by a factor whose expectation, θ·θa/θg + (1 − θ)(1 − θa)/(1 − θg) with θ
 * the true canary share of events, is linear in θ, equals 1 at θ = θg, and grows with θ when a >
 * g. So U(hi) is a test supermartingale whenever the true ratio is at most hi, D(lo) whenever it
 * is at least lo, and M whenever the truth lies in the cell. By Ville's inequality the truth's
 * cell is ever rejected (M ≥ 1/α) with probability at most α: the unrejected cells cover the true
 * ratio at all times at once with probability at least 1 − α.
 *
 * <p>Alternatives q^m for m in {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64} grid steps (6% to 40x),
 * equal weights v: the near ones let the set shrink to a narrow interval, which accepting a
 * healthy canary against a 1.5x tolerance needs; the far ones reject distant ratios after a few
 * events. Alternatives beyond the grid are left out (a smaller mixture stays valid).
 *
 * <p>The set is never empty: the evidence L is concave in log r, so every LR of the cells either
 * side of its maximum is at most 1.
 */
final class ConfidenceSequence {
  /** Far alternatives first: they reject a distant cell in a term or two. */
  private static final int[] STEPS = {64, 48, 32, 24, 16, 12, 8, 6, 4, 3, 2, 1};
  /** ½ (the cell's side) times v. */
  private static final double HALF_WEIGHT = 0.5 / STEPS.length;
  /** Cells: 0 is (0, g(0)], c is [g(c−1), g(c)], SIZE is [g(SIZE−1), ∞). */
  private static final int CELLS = RatioGrid.SIZE + 1;

  private ConfidenceSequence() {}

  static int alternatives() {
    return STEPS.length;
  }

  /** How many grid steps the m-th alternative lies from the cell. */
  static int step(int m) {
    return STEPS[m];
  }

  /** The weight of each alternative within a cell's e-process. */
  static double halfWeight() {
    return HALF_WEIGHT;
  }

  /** The smallest ratio not rejected: the lower end of the lowest unrejected cell. */
  static double lower(double[] logLikelihoodRatios, double alpha) {
    int cell = 0;
    while (rejects(logLikelihoodRatios, cell, alpha)) {
      cell++;
    }
    return cell == 0 ? 0 : RatioGrid.ratio(cell - 1);
  }

  /** The largest ratio not rejected: the upper end of the highest unrejected cell. */
  static double upper(double[] logLikelihoodRatios, double alpha) {
    int cell = CELLS - 1;
    while (rejects(logLikelihoodRatios, cell, alpha)) {
      cell--;
    }
    return cell == CELLS - 1 ? Double.POSITIVE_INFINITY : RatioGrid.ratio(cell);
  }

  /** Whether every cell holding the ratio is rejected. */
  static boolean excludes(double[] logLikelihoodRatios, double ratio, double alpha) {
    for (int cell = 0; cell < CELLS; cell++) {
      boolean holds = (cell == 0 || RatioGrid.ratio(cell - 1) <= ratio)
          && (cell == CELLS - 1 || ratio <= RatioGrid.ratio(cell));
      if (holds && !rejects(logLikelihoodRatios, cell, alpha)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the cell's M has reached 1/α. Summed without logarithms and left as soon as the sum
   * is decided: an LR that overflows to +∞ still compares correctly, one that underflows to 0
   * adds nothing, and no difference of infinities can arise.
   */
  static boolean rejects(double[] logLikelihoodRatios, int cell, double alpha) {
    double threshold = 1 / alpha;
    double sum = 0;
    int low = cell - 1;
    int high = cell;
    for (int step : STEPS) {
      if (high + step < RatioGrid.SIZE) {
        sum += HALF_WEIGHT * Math.exp(logLikelihoodRatios[high + step] - logLikelihoodRatios[high]);
      }
      if (low - step >= 0) {
        sum += HALF_WEIGHT * Math.exp(logLikelihoodRatios[low - step] - logLikelihoodRatios[low]);
      }
      if (sum >= threshold) {
        return true;
      }
    }
    return false;
  }
}
