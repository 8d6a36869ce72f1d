package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RatioJudgeTest {
  private static final RatioJudge JUDGE = RatioJudge.DEFAULTS;
  /** ρ = 10/(10 + 90) = 0.1, c = 3, b = 5. */
  private static final Batch SMALL = new Batch(10, 3, 90, 5);

  /**
   * By hand, with θ(r) = 0.1r/(0.1r + 0.9): r = 2 gives θ = 0.2/1.1 = 0.181818, so 3·ln(1.818182)
   * + 5·ln(0.818182/0.9) = 1.793511 − 0.476551 = 1.316960; r = 4 gives θ = 0.4/1.3, so
   * 3·ln(3.076923) + 5·ln(0.769231) = 3.371790 − 1.311821 = 2.059969; r = 1/2 gives θ =
   * 0.05/0.95, so 3·ln(0.526316) + 5·ln(1.052632) = −1.925562 + 0.256466 = −1.669096; r = 1 gives
   * 0.
   */
  @Test
  void oneBatchsEvidenceMatchesTheFormula() {
    double[] evidence = JUDGE.update(JudgeState.initial(), SMALL).logLikelihoodRatios();

    assertThat(evidence[RatioGrid.ONE + 12]).isCloseTo(1.316960, within(1e-6));
    assertThat(evidence[RatioGrid.ONE + 24]).isCloseTo(2.059969, within(1e-6));
    assertThat(evidence[RatioGrid.ONE - 12]).isCloseTo(-1.669095, within(2e-6));
    assertThat(evidence[RatioGrid.ONE]).isZero();
  }

  /**
   * log M_j = 3·ln r − 8·ln(1 + 0.1(r − 1)) at r = 2, 5.040, 10.079: 1.31696, 2.13761, 1.76329;
   * E = (13·e^1.31696 + 4·e^2.13761 + 5·e^1.76329)/22 = (48.5168 + 33.9165 + 29.1580)/22 = 5.0723.
   */
  @Test
  void oneBatchsEValueMixesTheThreeRatios() {
    Verdict verdict = JUDGE.verdict(JUDGE.update(JudgeState.initial(), SMALL));

    assertThat(verdict.eValue()).isCloseTo(5.0723, within(1e-4));
    assertThat(verdict.decision()).isEqualTo(Decision.UNDECIDED);
  }

  @Test
  void evidenceAddsUpOverBatchesInAnyOrder() {
    Batch other = new Batch(50, 2, 50, 1);
    JudgeState oneWay = JUDGE.update(JUDGE.update(JudgeState.initial(), SMALL), other);
    JudgeState otherWay = JUDGE.update(JUDGE.update(JudgeState.initial(), other), SMALL);
    double[] small = JUDGE.update(JudgeState.initial(), SMALL).logLikelihoodRatios();
    double[] large = JUDGE.update(JudgeState.initial(), other).logLikelihoodRatios();

    double[] both = oneWay.logLikelihoodRatios();
    for (int i = 0; i < both.length; i++) {
      assertThat(both[i]).isCloseTo(small[i] + large[i], within(1e-12));
    }
    assertThat(otherWay.logLikelihoodRatios()).containsExactly(both, within(1e-12));
    assertThat(oneWay.canaryRequests()).isEqualTo(60);
    assertThat(oneWay.stableEvents()).isEqualTo(6);
  }

  @Test
  void batchesWithoutEventsOrWithOneSideOnlyLeaveTheEvidenceAlone() {
    JudgeState before = JUDGE.update(JudgeState.initial(), SMALL);

    JudgeState noEvents = JUDGE.update(before, new Batch(40, 0, 60, 0));
    JudgeState noCanary = JUDGE.update(before, new Batch(0, 0, 100, 7));
    JudgeState noStable = JUDGE.update(before, new Batch(100, 7, 0, 0));

    for (JudgeState after : new JudgeState[] {noEvents, noCanary, noStable}) {
      assertThat(after.logLikelihoodRatios()).containsExactly(before.logLikelihoodRatios());
    }
    assertThat(noEvents.lastCanaryShare()).isEqualTo(0.4);
    assertThat(noCanary.lastCanaryShare()).isEqualTo(0.1);
    assertThat(noStable.canaryRequests()).isEqualTo(110);
    assertThat(noStable.canaryEvents()).isEqualTo(10);
  }

  @Test
  void rejectsImpossibleBatchesNamingTheirCounts() {
    assertThatThrownBy(() -> new Batch(10, 11, 10, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("more events than requests in a batch: canary 11 events in 10 requests,"
            + " stable 0 in 10");
    assertThatThrownBy(() -> new Batch(10, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative count in a batch: canary 0 events in 10 requests, stable 0 in -1");
  }

  /** Totals that would pass Long.MAX_VALUE are refused, never wrapped round to negative ones. */
  @Test
  void totalsNearTheLargestLongAreJudgedAndNeverWrapRound() {
    long nearMax = Long.MAX_VALUE - 100;
    JudgeState huge = new JudgeState(nearMax, 1_000, nearMax, 1_000, 0.5,
        JUDGE.update(JudgeState.initial(), new Batch(1_000, 10, 1_000, 10))
            .logLikelihoodRatios());

    Verdict verdict = JUDGE.verdict(JUDGE.update(huge, new Batch(100, 1, 100, 1)));

    assertThat(verdict.canaryRequests()).isEqualTo(Long.MAX_VALUE);
    assertThat(verdict.message()).startsWith("undecided: canary event rate 1x stable's (99% CS");
    assertThatThrownBy(() -> JUDGE.update(huge, new Batch(101, 1, 0, 0)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> JUDGE.update(huge, new Batch(0, 0, 101, 1)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void sayingNothingFailedIsOnlyForWhenNothingFailed() {
    JudgeState canaryAlone = JUDGE.update(JudgeState.initial(), new Batch(200, 3, 0, 0));
    JudgeState stableAlone = JUDGE.update(JudgeState.initial(), new Batch(0, 0, 900, 4));

    assertThat(JUDGE.verdict(canaryAlone).message()).isEqualTo("undecided: no interval yet with"
        + " requests on both sides and an event (so far canary 3 events in 200 requests,"
        + " stable 0 in 0)");
    assertThat(JUDGE.verdict(stableAlone).message()).isEqualTo("undecided: no interval yet with"
        + " requests on both sides and an event (so far canary 0 events in 0 requests,"
        + " stable 4 in 900)");
  }

  /** With a constant share the likelihood is binomial and r̂ = c(1 − ρ)/(bρ) = 30·0.9/(90·0.1). */
  @Test
  void estimatesTheRatioByMaximumLikelihood() {
    JudgeState state = JudgeState.initial();
    for (int i = 0; i < 5; i++) {
      state = JUDGE.update(state, new Batch(100, 6, 900, 18));
    }

    Verdict verdict = JUDGE.verdict(state);

    assertThat(verdict.ratioEstimate()).isCloseTo(3.0, within(0.01));
    assertThat(verdict.ratioLower()).isLessThan(3.0);
    assertThat(verdict.ratioUpper()).isGreaterThan(3.0);
  }

  @Test
  void knowsNothingBeforeAnyEvent() {
    Verdict verdict = JUDGE.verdict(JUDGE.update(JudgeState.initial(), new Batch(5, 0, 95, 0)));

    assertThat(verdict.decision()).isEqualTo(Decision.UNDECIDED);
    assertThat(verdict.eValue()).isCloseTo(1.0, within(1e-12));
    assertThat(verdict.ratioEstimate()).isNaN();
    assertThat(verdict.ratioLower()).isZero();
    assertThat(verdict.ratioUpper()).isInfinite();
    assertThat(verdict.moreRequestsNeeded()).isEqualTo(-1);
    assertThat(verdict.message()).isEqualTo("undecided: no events on either side yet");
  }

  /**
   * ρ = 0.05, c = 5, b = 1: log M_j = 5·ln r − 6·ln(1 + 0.05(r − 1)) is 9.307 at 10.08x, 6.983 at
   * 5.04x and 3.173 at 2x, so E = 5·e^9.307/22 + 4·e^6.983/22 + 13·e^3.173/22 = 2,502.6 + 196.0 +
   * 14.1 = 2,712.7.
   */
  @Test
  void flagsATotalFailureAfterOneBatch() {
    Verdict verdict = JUDGE.verdict(JUDGE.update(JudgeState.initial(), new Batch(5, 5, 95, 1)));

    assertThat(verdict.decision()).isEqualTo(Decision.REGRESSION);
    assertThat(verdict.eValue()).isCloseTo(2712.7, within(0.1));
    assertThat(verdict.moreRequestsNeeded()).isZero();
    assertThat(verdict.message()).matches("canary event rate \\d+x stable's "
        + "\\(99% CS \\d+(\\.\\d)?x–∞, e-value 2,713 ≥ 100\\): regression");
  }

  /**
   * 10 batches of c = b = 100 at ρ = ½: L(r) = 1000·ln r − 2000·ln((1 + r)/2), and the test of
   * 1.498x against 1 alone is e^(−10·L(1.498)) = e^40.6, far past the 2/(α·v) = 2,400 a cell needs.
   */
  @Test
  void acceptsOnceTheConfidenceSequenceIsWithinToleranceAndEnoughRequestsWereSeen() {
    JudgeState state = JudgeState.initial();
    for (int i = 0; i < 10; i++) {
      state = JUDGE.update(state, new Batch(1_000, 100, 1_000, 100));
    }

    Verdict accepted = new RatioJudge(0.01, 1.5, 10_000).verdict(state);
    Verdict tooFew = new RatioJudge(0.01, 1.5, 1_000_000).verdict(state);

    assertThat(accepted.decision()).isEqualTo(Decision.ACCEPTABLE);
    assertThat(accepted.ratioUpper()).isLessThanOrEqualTo(1.5);
    assertThat(accepted.message()).matches("canary event rate at most 1\\.\\dx stable's \\(estimate"
        + " 1x, 99% CS 0\\.\\d+x–1\\.\\dx\\) after 10,000 canary requests: acceptable");
    assertThat(tooFew.decision()).isEqualTo(Decision.UNDECIDED);
    assertThat(tooFew.moreRequestsNeeded()).isEqualTo(990_000);
    assertThat(tooFew.message()).endsWith("; roughly 990,000 more canary requests needed");
  }

  @Test
  void aToleranceOnTheGridIsReachable() {
    JudgeState state = JudgeState.initial();
    for (int i = 0; i < 10; i++) {
      state = JUDGE.update(state, new Batch(1_000, 100, 1_000, 100));
    }
    double upper = JUDGE.verdict(state).ratioUpper();

    assertThat(new RatioJudge(0.01, upper, 0).verdict(state).decision())
        .isEqualTo(Decision.ACCEPTABLE);
    assertThat(new RatioJudge(0.01, Math.nextDown(upper), 0).verdict(state).decision())
        .isEqualTo(Decision.UNDECIDED);
  }

  /** The state goes through JSON, as in a Kubernetes status, and the test goes on unchanged. */
  @Test
  void aRestoredStateContinuesTheSameTest() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JudgeState state = JUDGE.update(JUDGE.update(JudgeState.initial(), SMALL),
        new Batch(7, 1, 93, 2));

    JudgeState restored = json.readValue(json.writeValueAsString(state), JudgeState.class);

    assertThat(restored).isEqualTo(state);
    Batch next = new Batch(12, 2, 88, 0);
    assertThat(JUDGE.verdict(JUDGE.update(restored, next)))
        .isEqualTo(JUDGE.verdict(JUDGE.update(state, next)));
  }

  @Test
  void refusesAStateOfAnotherShape() {
    assertThatThrownBy(() -> new JudgeState(0, 0, 0, 0, 0, new double[7]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAStateNoBatchesCanReachSayingWhatIsWrong() {
    double[] evidence = new double[RatioGrid.SIZE];
    double[] infinite = evidence.clone();
    infinite[80] = Double.POSITIVE_INFINITY;
    double[] notANumber = evidence.clone();
    notANumber[3] = Double.NaN;

    assertThatThrownBy(() -> new JudgeState(-1, 0, 10, 0, 0.1, evidence))
        .hasMessage("negative canary total: 0 events in -1 requests");
    assertThatThrownBy(() -> new JudgeState(10, 0, 10, 11, 0.1, evidence))
        .hasMessage("more stable events than requests: 11 events in 10 requests");
    assertThatThrownBy(() -> new JudgeState(10, 0, 10, 0, Double.NaN, evidence))
        .hasMessage("the last canary share must lie between 0 and 1, is NaN");
    assertThatThrownBy(() -> new JudgeState(10, 0, 10, 0, 1.5, evidence))
        .hasMessage("the last canary share must lie between 0 and 1, is 1.5");
    assertThatThrownBy(() -> new JudgeState(10, 0, 10, 0, 0.1, infinite))
        .hasMessage("log likelihood ratio 80 of 145 is Infinity, not a finite number");
    assertThatThrownBy(() -> new JudgeState(10, 0, 10, 0, 0.1, notANumber))
        .hasMessage("log likelihood ratio 3 of 145 is NaN, not a finite number");
  }

  @Test
  void refusesSettingsOutsideTheirRange() {
    assertThatThrownBy(() -> new RatioJudge(0, 1.5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RatioJudge(0.01, 100, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RatioJudge(0.01, 1.5, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
