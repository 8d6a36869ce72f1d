package dev.ramp.engine.judge;

/**
 * The ratios (canary event rate over stable's) the judge keeps evidence for: 2^(i/12) for i from
 * −72 to 72, that is 1/64x to 64x in steps of 6%. Twelve steps per doubling put a grid point
 * within 1% of every ratio STATISTICS.md names (1.26, 1.50, 2, 3.00, 5.04, 10.1, 20.2) and of any
 * tolerance a user would pick.
 *
 * <p>For each grid ratio r the evidence is the log likelihood ratio of r against 1 (STATISTICS.md,
 * "Rate ratio grid mixture"): summed over batches, c·log(θ(r)/ρ) + b·log((1 − θ(r))/(1 − ρ)) with
 * θ(r) = ρr / (ρr + 1 − ρ). As θ(r)/ρ = r / (1 + ρ(r − 1)) and (1 − θ(r))/(1 − ρ) = 1 / (1 + ρ(r −
 * 1)), a batch adds c·log r − (c + b)·log(1 + ρ(r − 1)): one logarithm per grid point.
 */
final class RatioGrid {
  static final int STEPS_PER_DOUBLING = 12;
  /** The index of ratio 1. */
  static final int ONE = 6 * STEPS_PER_DOUBLING;
  static final int SIZE = 2 * ONE + 1;

  private static final double[] RATIO = new double[SIZE];
  private static final double[] LOG_RATIO = new double[SIZE];

  static {
    for (int i = 0; i < SIZE; i++) {
      RATIO[i] = ratioAt(i);
      LOG_RATIO[i] = Math.log(RATIO[i]);
    }
  }

  private RatioGrid() {}

  static double ratio(int index) {
    return RATIO[index];
  }

  /** The ratio at a fractional index (for a refined estimate between grid points). */
  static double ratioAt(double index) {
    return Math.pow(2, (index - ONE) / STEPS_PER_DOUBLING);
  }

  /** The index of the largest grid ratio at most the given one (which lies within the grid). */
  static int atMost(double ratio) {
    int index = (int) Math.round(ONE + STEPS_PER_DOUBLING * Math.log(ratio) / Math.log(2));
    while (RATIO[index] > ratio) {
      index--;
    }
    while (index + 1 < SIZE && RATIO[index + 1] <= ratio) {
      index++;
    }
    return index;
  }

  /** The share of a batch's events that lands on the canary when its rate is r times stable's. */
  static double canaryShareOfEvents(double ratio, double canaryShare) {
    return canaryShare * ratio / (canaryShare * ratio + 1 - canaryShare);
  }

  /** The evidence after one more batch; the given array is left unchanged. */
  static double[] add(double[] logLikelihoodRatios, Batch batch) {
    double[] next = logLikelihoodRatios.clone();
    if (!batch.informative()) {
      return next;
    }
    double share = batch.canaryShare();
    long canaryEvents = batch.canaryEvents();
    long events = batch.events();
    for (int i = 0; i < SIZE; i++) {
      next[i] += canaryEvents * LOG_RATIO[i] - events * Math.log(1 + share * (RATIO[i] - 1));
    }
    return next;
  }

  /**
   * The maximum-likelihood ratio given the batches' shares: the best grid point, refined by the
   * parabola through it and its neighbours (L is concave and smooth in log r). Clamped to the grid:
   * 1/64 stands for "no canary events", 64 for "no stable events" or beyond. NaN before any
   * informative batch, when L is 0 everywhere.
   */
  static double mostLikely(double[] logLikelihoodRatios) {
    int best = 0;
    boolean flat = true;
    for (int i = 0; i < SIZE; i++) {
      best = logLikelihoodRatios[i] > logLikelihoodRatios[best] ? i : best;
      flat &= logLikelihoodRatios[i] == 0;
    }
    if (flat) {
      return Double.NaN;
    }
    if (best == 0 || best == SIZE - 1) {
      return RATIO[best];
    }
    double below = logLikelihoodRatios[best - 1];
    double above = logLikelihoodRatios[best + 1];
    double curvature = below - 2 * logLikelihoodRatios[best] + above;
    double offset = curvature < 0 ? (below - above) / (2 * curvature) : 0;
    return ratioAt(best + offset);
  }
}
