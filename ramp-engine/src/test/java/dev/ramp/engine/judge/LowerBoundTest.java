package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** STATISTICS.md, "The physical limit": p0 = 1%, α = 0.01, β = 0.05. */
class LowerBoundTest {

  /** 0.95·ln(95) + 0.05·ln(0.05/0.99) = 4.326267 − 0.149368 = 4.176899. */
  @Test
  void divergenceOfTheErrorRates() {
    assertThat(LowerBound.divergence(0.95, 0.01)).isCloseTo(4.176899, within(1e-6));
    assertThat(LowerBound.divergence(0.3, 0.3)).isZero();
    assertThat(LowerBound.divergence(1, 0.5)).isCloseTo(Math.log(2), within(1e-15));
  }

  @Test
  void reproducesTheWorkedExample() {
    assertThat(LowerBound.expectedRequests(0.01, 0.02, 0.01, 0.05)).isCloseTo(1_067, within(1.0));
    assertThat(LowerBound.expectedRequests(0.01, 0.05, 0.01, 0.05)).isCloseTo(101, within(1.0));
  }

  /**
   * For rare events the bound in canary errors tends to 4.18/(ln r − 1 + 1/r): 21.6 for 2x, 5.16
   * for 5x ("≈ 21 errors for 2×, ≈ 5 for 5×").
   */
  @Test
  void inErrorUnitsForRareEvents() {
    double p0 = 1e-7;
    assertThat(2 * p0 * LowerBound.expectedRequests(p0, 2 * p0, 0.01, 0.05))
        .isCloseTo(21.6, within(0.1));
    assertThat(5 * p0 * LowerBound.expectedRequests(p0, 5 * p0, 0.01, 0.05))
        .isCloseTo(5.16, within(0.01));
  }
}
