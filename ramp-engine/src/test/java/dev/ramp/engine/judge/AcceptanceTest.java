package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Promotion: how soon a healthy canary is found ACCEPTABLE (confidence sequence at most 1.5x, at
 * least 1,000 canary requests), and how rarely a canary exactly at the tolerance is, on the ramp of
 * {@link Traffic} (5% → 10% → 25% → 50%, 100 requests a second, stable at 1% errors). The
 * default verdict is read after every batch.
 */
class AcceptanceTest {
  private static final RatioJudge JUDGE = RatioJudge.DEFAULTS;
  private static final int RUNS = 1_000;
  /** 40 minutes of traffic. */
  private static final int MAX_BATCHES = 2_400;
  /** α plus three standard deviations of a count of RUNS runs with probability α. */
  private static final double ALLOWED_ERRORS =
      JUDGE.alpha() + 3 * Math.sqrt(JUDGE.alpha() * (1 - JUDGE.alpha()) / RUNS);

  /**
   * A healthy canary may still be flagged, with probability at most α; over 1,000 runs, α +
   * 3·√(α(1 − α)/1,000) = 1.94% bounds the count of a correct judge with probability about 99.9%.
   * Every other run must be accepted within the 40 minutes.
   */
  @Test
  void aHealthyCanaryIsAcceptedWithinAboutThirteenThousandCanaryRequests() {
    Outcomes outcomes = simulate(1.0, 31);

    System.out.println("acceptance, ratio 1: " + outcomes);
    assertThat(outcomes.share(Decision.REGRESSION)).isLessThanOrEqualTo(ALLOWED_ERRORS);
    assertThat(outcomes.share(Decision.UNDECIDED)).isZero();
    assertThat(outcomes.medianRequests()).isLessThanOrEqualTo(15_000);
  }

  @Test
  void aBetterCanaryIsAcceptedSooner() {
    Outcomes outcomes = simulate(0.5, 32);

    System.out.println("acceptance, ratio 0.5: " + outcomes);
    assertThat(outcomes.share(Decision.REGRESSION)).isLessThanOrEqualTo(ALLOWED_ERRORS);
    assertThat(outcomes.share(Decision.UNDECIDED)).isZero();
    assertThat(outcomes.medianRequests()).isLessThanOrEqualTo(2_000);
  }

  /** At exactly the tolerance, acceptance is an error allowed with probability at most α. */
  @Test
  void aCanaryAtTheToleranceIsRarelyAccepted() {
    Outcomes outcomes = simulate(1.5, 33);

    System.out.println("acceptance, ratio 1.5: " + outcomes);
    assertThat(outcomes.share(Decision.ACCEPTABLE)).isLessThanOrEqualTo(ALLOWED_ERRORS);
  }

  /** The first decision of each run (UNDECIDED if none) and when it came. */
  private record Outcome(Decision decision, long canaryRequests, int seconds) {}

  private record Outcomes(Outcome[] runs) {
    double share(Decision decision) {
      return (double) Arrays.stream(runs).filter(r -> r.decision() == decision).count()
          / runs.length;
    }

    long medianRequests() {
      return quantile(Arrays.stream(runs).mapToLong(Outcome::canaryRequests), 0.5);
    }

    long medianSeconds() {
      return quantile(Arrays.stream(runs).mapToLong(Outcome::seconds), 0.5);
    }

    long p90Requests() {
      return quantile(Arrays.stream(runs).mapToLong(Outcome::canaryRequests), 0.9);
    }

    private static long quantile(java.util.stream.LongStream values, double q) {
      long[] sorted = values.sorted().toArray();
      return sorted[(int) (q * sorted.length)];
    }

    @Override
    public String toString() {
      return String.format("acceptable %.1f%%, regression %.1f%%, undecided %.1f%%; canary "
          + "requests to a decision median %,d, p90 %,d; seconds median %d",
          100 * share(Decision.ACCEPTABLE), 100 * share(Decision.REGRESSION),
          100 * share(Decision.UNDECIDED), medianRequests(), p90Requests(), medianSeconds());
    }
  }

  private static Outcomes simulate(double ratio, long seed) {
    Traffic traffic = Traffic.ramp(ratio);
    long[] seeds = Traffic.seeds(seed, RUNS);
    return new Outcomes(IntStream.range(0, RUNS).parallel()
        .mapToObj(run -> firstDecision(traffic, new Random(seeds[run])))
        .toArray(Outcome[]::new));
  }

  private static Outcome firstDecision(Traffic traffic, Random random) {
    JudgeState state = JudgeState.initial();
    for (int b = 0; b < MAX_BATCHES; b++) {
      state = JUDGE.update(state, traffic.batch(random, b));
      Verdict verdict = JUDGE.verdict(state);
      if (verdict.decision() != Decision.UNDECIDED) {
        return new Outcome(verdict.decision(), verdict.canaryRequests(), b + 1);
      }
    }
    return new Outcome(Decision.UNDECIDED, state.canaryRequests(), MAX_BATCHES);
  }
}
