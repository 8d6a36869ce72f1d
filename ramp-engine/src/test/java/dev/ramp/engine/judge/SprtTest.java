package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SprtTest {
  private static final int RUNS = 4_000;

  /** 3·ln 2 + 97·ln(0.98/0.99) = 2.079442 − 0.984780 = 1.094662. */
  @Test
  void logLikelihoodRatioMatchesTheFormula() {
    Sprt sprt = new Sprt(0.01, 0.02, 0.01, 0.05);

    assertThat(sprt.logLikelihoodRatio(100, 3)).isCloseTo(1.094662, within(1e-6));
  }

  /** Wald's thresholds: ln(0.95/0.01) = 4.5539 and ln(0.05/0.99) = −2.9857. */
  @Test
  void decidesAtWaldsThresholds() {
    Sprt sprt = new Sprt(0.01, 0.05, 0.01, 0.05);

    // 3 events: 3·ln 5 = 4.828 ≥ 4.554 with up to 6 misses (6·ln(0.95/0.99) = −0.247), not 7.
    assertThat(sprt.decide(9, 3)).isEqualTo(Decision.REGRESSION);
    assertThat(sprt.decide(10, 3)).isEqualTo(Decision.UNDECIDED);
    // no event: −2.9857 is reached after 2.9857/0.041243 = 72.4 misses.
    assertThat(sprt.decide(72, 0)).isEqualTo(Decision.UNDECIDED);
    assertThat(sprt.decide(73, 0)).isEqualTo(Decision.ACCEPTABLE);
  }

  /** A canary that fails every request is flagged at its first request once p1 = 1. */
  @Test
  void handlesACertainFailure() {
    Sprt sprt = new Sprt(0.01, 1.0, 0.01, 0.05);

    assertThat(sprt.decide(1, 1)).isEqualTo(Decision.REGRESSION);
    assertThat(sprt.decide(1, 0)).isEqualTo(Decision.ACCEPTABLE);
  }

  /**
   * STATISTICS.md's worked example gives the SPRT's median exposure as ≈ 970 (1% → 2%) and ≈ 90
   * (1% → 5%) canary requests. The median of 4,000 runs has a standard error of about 2%; it must
   * land within 10% of those rounded figures.
   */
  @Test
  void reproducesTheWorkedExamplesMedians() {
    long twice = medianRequests(new Sprt(0.01, 0.02, 0.01, 0.05), 0.02, 51);
    long fiveTimes = medianRequests(new Sprt(0.01, 0.05, 0.01, 0.05), 0.05, 52);

    System.out.printf("SPRT median canary requests: 1%%→2%% %d, 1%%→5%% %d%n", twice, fiveTimes);
    assertThat(twice).isBetween(873L, 1067L);
    assertThat(fiveTimes).isBetween(81L, 99L);
  }

  /**
   * Wald's bounds hold exactly for a test that ends: P(regression | p0) ≤ α/(1 − β) = 1.05% and
   * P(no regression | p1) ≤ β/(1 − α) = 5.05%, here plus three standard deviations of 4,000 runs.
   */
  @Test
  void keepsItsErrorRates() {
    Sprt sprt = new Sprt(0.01, 0.02, 0.01, 0.05);

    double falseAlarms = share(sprt, 0.01, Decision.REGRESSION, 53);
    double misses = share(sprt, 0.02, Decision.ACCEPTABLE, 54);

    System.out.printf("SPRT 1%%→2%%: false alarms %.2f%%, misses %.2f%%%n",
        100 * falseAlarms, 100 * misses);
    assertThat(falseAlarms).isLessThanOrEqualTo(0.0105 + 3 * Math.sqrt(0.0105 * 0.9895 / RUNS));
    assertThat(misses).isLessThanOrEqualTo(0.0505 + 3 * Math.sqrt(0.0505 * 0.9495 / RUNS));
  }

  private record Run(long requests, Decision decision) {}

  private static long medianRequests(Sprt sprt, double rate, long seed) {
    long[] requests = Arrays.stream(runs(sprt, rate, seed)).mapToLong(Run::requests).sorted()
        .toArray();
    return requests[requests.length / 2];
  }

  private static double share(Sprt sprt, double rate, Decision decision, long seed) {
    return (double) Arrays.stream(runs(sprt, rate, seed))
        .filter(run -> run.decision() == decision).count() / RUNS;
  }

  private static Run[] runs(Sprt sprt, double rate, long seed) {
    long[] seeds = Traffic.seeds(seed, RUNS);
    return IntStream.range(0, RUNS).parallel()
        .mapToObj(run -> run(sprt, rate, new Random(seeds[run])))
        .toArray(Run[]::new);
  }

  /** One request at a time until the test decides. */
  private static Run run(Sprt sprt, double rate, Random random) {
    long requests = 0;
    long events = 0;
    Decision decision = Decision.UNDECIDED;
    while (decision == Decision.UNDECIDED) {
      requests++;
      events += random.nextDouble() < rate ? 1 : 0;
      decision = sprt.decide(requests, events);
    }
    return new Run(requests, decision);
  }
}
