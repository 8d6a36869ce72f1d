package dev.ramp.engine.judge;

/**
 * What no sequential test can beat (STATISTICS.md, "The physical limit"): to tell a Bernoulli event
 * rate p1 from p0 with false-alarm rate α and miss rate β, any test needs on average at least
 * d(1 − β ‖ α) / d(p1 ‖ p0) requests, d being the Bernoulli Kullback–Leibler divergence.
 */
public final class LowerBound {
  private LowerBound() {}

  /** The fewest requests any test needs on average to detect p0 → p1. */
  public static double expectedRequests(double p0, double p1, double alpha, double beta) {
    return divergence(1 - beta, alpha) / divergence(p1, p0);
  }

  /** d(x ‖ y) = x·ln(x/y) + (1 − x)·ln((1 − x)/(1 − y)), with 0·ln 0 = 0. */
  public static double divergence(double x, double y) {
    return term(x, y) + term(1 - x, 1 - y);
  }

  private static double term(double x, double y) {
    return x == 0 ? 0 : x * Math.log(x / y);
  }
}
