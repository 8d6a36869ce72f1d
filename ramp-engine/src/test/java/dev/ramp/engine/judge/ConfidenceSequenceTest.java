package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceSequenceTest {
  private static final RatioJudge JUDGE = RatioJudge.DEFAULTS;

  @Test
  void excludesNothingWithoutEvidence() {
    double[] none = JudgeState.initial().logLikelihoodRatios();

    assertThat(ConfidenceSequence.lower(none, 0.01)).isZero();
    assertThat(ConfidenceSequence.upper(none, 0.01)).isInfinite();
    assertThat(ConfidenceSequence.excludes(none, 1e-6, 0.01)).isFalse();
    assertThat(ConfidenceSequence.excludes(none, 1e6, 0.01)).isFalse();
  }

  /** Along a simulated regression, checked after every batch. */
  @Test
  void holdsTheEstimateExcludesWhatLiesOutsideAndWidensWithASmallerAlpha() {
    Traffic traffic = Traffic.ramp(3);
    Random random = new Random(7);
    JudgeState state = JudgeState.initial();
    for (int b = 0; b < 300; b++) {
      state = JUDGE.update(state, traffic.batch(random, b));
      double[] evidence = state.logLikelihoodRatios();
      double lower = ConfidenceSequence.lower(evidence, 0.01);
      double upper = ConfidenceSequence.upper(evidence, 0.01);
      double estimate = RatioGrid.mostLikely(evidence);

      if (!Double.isNaN(estimate)) {
        assertThat(estimate).isBetween(lower, upper);
      }
      assertThat(ConfidenceSequence.excludes(evidence, lower / 1.01, 0.01)).isEqualTo(lower > 0);
      assertThat(ConfidenceSequence.excludes(evidence, upper * 1.01, 0.01))
          .isEqualTo(upper < Double.POSITIVE_INFINITY);
      assertThat(ConfidenceSequence.lower(evidence, 0.001)).isLessThanOrEqualTo(lower);
      assertThat(ConfidenceSequence.upper(evidence, 0.001)).isGreaterThanOrEqualTo(upper);
    }
    Verdict end = JUDGE.verdict(state);
    assertThat(end.ratioLower()).isGreaterThan(1.5);
    assertThat(end.ratioUpper()).isLessThan(6);
  }
}
