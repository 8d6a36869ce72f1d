package dev.ramp.engine.judge;

/**
 * Wald's sequential probability ratio test on the canary's requests alone, knowing both the
 * healthy event rate p0 and the regressed one p1: the benchmark's oracle ("sprt-oracle"), near
 * the {@link LowerBound}, which no real judge can use because it never knows p0 or p1. Regression
 * once the log likelihood ratio reaches ln((1 − β)/α), no regression once it falls to ln(β/(1 −
 * α)); Wald's thresholds keep the error rates near α and β.
 */
public record Sprt(double p0, double p1, double alpha, double beta) {

  public Sprt {
    if (!(0 < p0 && p0 < p1 && p1 <= 1)) {
      throw new IllegalArgumentException("need 0 < p0 < p1 <= 1, got " + p0 + ", " + p1);
    }
    if (!(alpha > 0 && alpha < 1 && beta > 0 && beta < 1)) {
      throw new IllegalArgumentException("alpha and beta must lie in (0, 1)");
    }
  }

  /** ln(p1^e (1 − p1)^(n − e) / (p0^e (1 − p0)^(n − e))) for n requests with e events. */
  public double logLikelihoodRatio(long requests, long events) {
    double perMiss = p1 == 1 ? Double.NEGATIVE_INFINITY : Math.log((1 - p1) / (1 - p0));
    long misses = requests - events;
    return events * Math.log(p1 / p0) + (misses == 0 ? 0 : misses * perMiss);
  }

  /** REGRESSION, ACCEPTABLE (p0 accepted) or UNDECIDED after n requests with e events. */
  public Decision decide(long requests, long events) {
    return decide(logLikelihoodRatio(requests, events), alpha, beta);
  }

  /**
   * Wald's decision on a log likelihood ratio of "regressed" against "healthy", whatever the
   * model behind it.
   */
  public static Decision decide(double logLikelihoodRatio, double alpha, double beta) {
    if (logLikelihoodRatio >= Math.log((1 - beta) / alpha)) {
      return Decision.REGRESSION;
    }
    if (logLikelihoodRatio <= Math.log(beta / (1 - alpha))) {
      return Decision.ACCEPTABLE;
    }
    return Decision.UNDECIDED;
  }
}
