package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulations are only as good as their binomial draws. */
class TrafficTest {

  /** Mean np and variance np(1 − p) over 200,000 draws, within 4 standard errors. */
  @Test
  void binomialDrawsHaveTheRightMeanAndVariance() {
    for (double p : new double[] {0.01, 0.05, 0.5, 0.9, 1.0}) {
      Random random = new Random(61);
      int draws = 200_000;
      double sum = 0;
      double sumOfSquares = 0;
      for (int i = 0; i < draws; i++) {
        long k = Traffic.binomial(random, 100, p);
        sum += k;
        sumOfSquares += (double) k * k;
      }
      double mean = sum / draws;
      double variance = sumOfSquares / draws - mean * mean;
      double expectedVariance = 100 * p * (1 - p);

      assertThat(mean).as("mean at p = %s", p)
          .isCloseTo(100 * p, within(4 * Math.sqrt(expectedVariance / draws) + 1e-12));
      assertThat(variance).as("variance at p = %s", p)
          .isCloseTo(expectedVariance, within(0.02 * expectedVariance + 1e-12));
    }
  }
}
