package dev.ramp.engine.judge;

import org.apache.commons.math3.special.Beta;

/**
 * The simpler count test for a fixed canary share ρ (STATISTICS.md, "Beta-binomial e-value"): each
 * event lands on the canary with probability θ, θ = ρ when the canary is no different; against a
 * Beta(kρ, k(1 − ρ)) prior on θ, centred on ρ, the Bayes factor of the canary's N_B and stable's
 * N_A events is an e-value, and a test martingale as events accumulate:
 *
 * <pre>
 * log E = logB(kρ + N_B, k(1 − ρ) + N_A) − logB(kρ, k(1 − ρ)) − N_B·log ρ − N_A·log(1 − ρ)
 * </pre>
 *
 * The one-sided variant keeps only the prior's part above ρ (alarm only when the canary is worse),
 * which adds log P(θ > ρ | events) − log P(θ > ρ) = log(1 − I_ρ(kρ + N_B, k(1 − ρ) + N_A)) − log(1
 * − I_ρ(kρ, k(1 − ρ))).
 *
 * @param canaryShare ρ, fixed for the whole test
 * @param priorStrength k, the prior's weight in events (STATISTICS.md suggests about 100)
 */
public record BetaBinomialEValue(double canaryShare, double priorStrength) {

  public BetaBinomialEValue {
    if (!(canaryShare > 0 && canaryShare < 1 && priorStrength > 0)) {
      throw new IllegalArgumentException("need 0 < canaryShare < 1 and priorStrength > 0");
    }
  }

  /** The test with STATISTICS.md's prior strength, k = 100. */
  public static BetaBinomialEValue withShare(double canaryShare) {
    return new BetaBinomialEValue(canaryShare, 100);
  }

  /** log E of the two-sided test: the canary differs from stable either way. */
  public double logTwoSided(long canaryEvents, long stableEvents) {
    double a = priorStrength * canaryShare;
    double b = priorStrength * (1 - canaryShare);
    return Beta.logBeta(a + canaryEvents, b + stableEvents) - Beta.logBeta(a, b)
        - canaryEvents * Math.log(canaryShare) - stableEvents * Math.log(1 - canaryShare);
  }

  /** log E of the one-sided test: the canary is worse than stable. */
  public double logOneSided(long canaryEvents, long stableEvents) {
    double a = priorStrength * canaryShare;
    double b = priorStrength * (1 - canaryShare);
    return logTwoSided(canaryEvents, stableEvents)
        + logMassAboveShare(a + canaryEvents, b + stableEvents) - logMassAboveShare(a, b);
  }

  /**
   * log(1 − I_ρ(a, b)), computed as log I_(1−ρ)(b, a): the same value without the cancellation
   * that 1 − I loses all digits to when the mass above ρ is tiny.
   */
  private double logMassAboveShare(double a, double b) {
    return Math.log(Beta.regularizedBeta(1 - canaryShare, b, a));
  }
}
