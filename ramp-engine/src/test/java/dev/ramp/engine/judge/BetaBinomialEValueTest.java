package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;

class BetaBinomialEValueTest {

  /**
   * ρ = ½ and k = 2 make the prior uniform. Two-sided: B(4, 2)/B(1, 1)/0.5^4 = (3!·1!/5!)·16 = 0.8.
   * One-sided: the posterior Beta(4, 2) has P(θ > ½) = 1 − P(Bin(5, ½) ≥ 4) = 1 − 6/32 = 26/32,
   * the prior ½, so 0.8·(26/32)/(1/2) = 1.3.
   */
  @Test
  void matchesHandComputedValuesWithAUniformPrior() {
    BetaBinomialEValue test = new BetaBinomialEValue(0.5, 2);

    assertThat(Math.exp(test.logTwoSided(3, 1))).isCloseTo(0.8, within(1e-12));
    assertThat(Math.exp(test.logOneSided(3, 1))).isCloseTo(1.3, within(1e-10));
  }

  /** Against the Bayes factor integrated numerically, STATISTICS.md's k = 100, ρ = 0.1. */
  @Test
  void matchesTheIntegralItStandsFor() {
    BetaBinomialEValue test = BetaBinomialEValue.withShare(0.1);

    assertThat(test.logTwoSided(12, 40)).isCloseTo(integrated(0.1, 100, 12, 40, 0), within(1e-6));
    assertThat(test.logOneSided(12, 40)).isCloseTo(integrated(0.1, 100, 12, 40, 0.1),
        within(1e-6));
  }

  /**
   * A far better canary leaves almost no posterior mass above ρ (about e^-248 here), where 1 −
   * I_ρ(a, b) rounds to 0: the one-sided e-value must still come out exact.
   */
  @Test
  void staysExactWhenTheCanaryIsFarBetter() {
    BetaBinomialEValue test = BetaBinomialEValue.withShare(0.5);

    assertThat(1 - Beta.regularizedBeta(0.5, 50 + 0, 50 + 500)).isZero();
    assertThat(test.logOneSided(0, 500))
        .isCloseTo(integrated(0.5, 100, 0, 500, 0.5), within(1e-6));
  }

  /**
   * log of ∫_from^1 θ^(a+c−1)(1−θ)^(b+s−1) dθ / ∫_from^1 θ^(a−1)(1−θ)^(b−1) dθ / (ρ^c (1−ρ)^s),
   * a = kρ, b = k(1 − ρ), by Simpson's rule on log-scaled integrands.
   */
  private static double integrated(double share, double k, long canary, long stable,
      double from) {
    double a = k * share;
    double b = k * (1 - share);
    double posterior = logIntegral(t -> (a + canary - 1) * Math.log(t)
        + (b + stable - 1) * Math.log(1 - t), from);
    double prior = logIntegral(t -> (a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t), from);
    return posterior - prior - canary * Math.log(share) - stable * Math.log(1 - share);
  }

  /** Simpson's rule; the exponents are above 1, so the integrands are 0 (log −∞) at 0 and 1. */
  private static double logIntegral(DoubleUnaryOperator logIntegrand, double from) {
    int intervals = 200_000;
    double width = (1 - from) / intervals;
    double[] logs = new double[intervals + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= intervals; i++) {
      logs[i] = logIntegrand.applyAsDouble(from + i * width);
      max = Math.max(max, logs[i]);
    }
    double sum = 0;
    for (int i = 0; i <= intervals; i++) {
      int weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
      sum += weight * Math.exp(logs[i] - max);
    }
    return max + Math.log(sum * width / 3);
  }
}
