package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How many canary requests the judge lets through before it flags a regression (E ≥ 1/α, α = 1%),
 * stable at 1% errors, on the traffic of {@link Traffic}. Each run also follows an oracle on the
 * same batches: the likelihood ratio of the true ratio alone against 1, computed here straight
 * from STATISTICS.md's formula, flagging at 1/α. The judge does not know the ratio and spreads its
 * prior over three; it should not need more than 30% more exposure than the oracle, the price of
 * a prior weight of ¼ (ln(1/(α/4))/ln(1/α) = 1.30).
 */
class DetectionTest {
  private static final double ALPHA = 0.01;
  /** Runs per case, and where STATISTICS.md's targets are asserted (the p90s need many). */
  private static final int RUNS = 2_000;
  private static final int TARGET_RUNS = 10_000;
  private static final int MAX_BATCHES = 5_000;
  private static final RatioJudge JUDGE = new RatioJudge(ALPHA, 1.5, 0);
  /** The canary's error rate at 100%, whatever stable's: a ratio of 100 at 1%. */
  private static final double TOTAL_FAILURE = 100;

  /** STATISTICS.md's targets, stated for a 5–10% canary. */
  @Test
  void meetsTheTargetsWithAFivePercentCanary() {
    Exposure twice = measure(Traffic.constant(0.05, 2), 2, 1, TARGET_RUNS);
    Exposure fiveTimes = measure(Traffic.constant(0.05, 5), 5, 2, TARGET_RUNS);
    Exposure tenTimes = measure(Traffic.constant(0.05, 10), 10, 3, TARGET_RUNS);
    Exposure failure =
        measure(Traffic.constant(0.05, TOTAL_FAILURE), TOTAL_FAILURE, 4, TARGET_RUNS);
    report("5% canary", twice, fiveTimes, tenTimes, failure);

    assertThat(twice.judge.median()).isLessThanOrEqualTo(1_400);
    assertThat(twice.judge.p90()).isLessThanOrEqualTo(3_000);
    assertThat(fiveTimes.judge.median()).isLessThanOrEqualTo(150);
    assertThat(fiveTimes.judge.p90()).isLessThanOrEqualTo(350);
    assertThat(tenTimes.judge.median()).isLessThanOrEqualTo(50);
    assertThat(failure.judge.p90()).isLessThanOrEqualTo(10);
    assertPriceOfNotKnowingTheRatio(twice, fiveTimes, tenTimes, failure);
  }

  @Test
  void staysNearTheOracleWithATenPercentCanary() {
    Exposure twice = measure(Traffic.constant(0.10, 2), 2, 5, RUNS);
    Exposure fiveTimes = measure(Traffic.constant(0.10, 5), 5, 6, RUNS);
    Exposure tenTimes = measure(Traffic.constant(0.10, 10), 10, 7, RUNS);
    Exposure failure = measure(Traffic.constant(0.10, TOTAL_FAILURE), TOTAL_FAILURE, 8, RUNS);
    report("10% canary", twice, fiveTimes, tenTimes, failure);

    assertPriceOfNotKnowingTheRatio(twice, fiveTimes, tenTimes, failure);
  }

  @Test
  void staysNearTheOracleOnARamp() {
    Exposure twice = measure(Traffic.ramp(2), 2, 9, RUNS);
    Exposure fiveTimes = measure(Traffic.ramp(5), 5, 10, RUNS);
    Exposure tenTimes = measure(Traffic.ramp(10), 10, 11, RUNS);
    Exposure failure = measure(Traffic.ramp(TOTAL_FAILURE), TOTAL_FAILURE, 12, RUNS);
    report("ramp", twice, fiveTimes, tenTimes, failure);

    assertPriceOfNotKnowingTheRatio(twice, fiveTimes, tenTimes, failure);
  }

  private static void assertPriceOfNotKnowingTheRatio(Exposure... exposures) {
    for (Exposure exposure : exposures) {
      assertThat((double) exposure.judge.median())
          .as("judge's median against the oracle's at ratio %s", exposure.ratio)
          .isLessThanOrEqualTo(1.3 * exposure.oracle.median());
    }
  }

  /** Canary requests until detection, per run, sorted; Long.MAX_VALUE when never detected. */
  private record Quantiles(long[] sorted) {
    long median() {
      return sorted[sorted.length / 2];
    }

    long p90() {
      return sorted[sorted.length * 9 / 10];
    }

    @Override
    public String toString() {
      return median() + "/" + p90();
    }
  }

  /** The judge's and the oracle's exposures at one true ratio. */
  private record Exposure(double ratio, Quantiles judge, Quantiles oracle) {}

  private static Exposure measure(Traffic traffic, double ratio, long seed, int count) {
    long[] seeds = Traffic.seeds(seed, count);
    long[][] runs = IntStream.range(0, count).parallel()
        .mapToObj(run -> exposures(traffic, ratio, new Random(seeds[run])))
        .toArray(long[][]::new);
    return new Exposure(ratio,
        new Quantiles(Arrays.stream(runs).mapToLong(run -> run[0]).sorted().toArray()),
        new Quantiles(Arrays.stream(runs).mapToLong(run -> run[1]).sorted().toArray()));
  }

  /** Canary requests until the judge, then the oracle, flags the regression. */
  private static long[] exposures(Traffic traffic, double ratio, Random random) {
    JudgeState state = JudgeState.initial();
    double oracle = 0;
    long[] exposures = {Long.MAX_VALUE, Long.MAX_VALUE};
    for (int b = 0; b < MAX_BATCHES && Arrays.stream(exposures).anyMatch(e -> e == Long.MAX_VALUE);
        b++) {
      Batch batch = traffic.batch(random, b);
      state = JUDGE.update(state, batch);
      oracle += batch.informative() ? logLikelihoodRatio(ratio, batch) : 0;
      if (RegressionMixture.logEValue(state.logLikelihoodRatios()) >= Math.log(1 / ALPHA)
          && exposures[0] == Long.MAX_VALUE) {
        exposures[0] = state.canaryRequests();
      }
      if (oracle >= Math.log(1 / ALPHA) && exposures[1] == Long.MAX_VALUE) {
        exposures[1] = state.canaryRequests();
      }
    }
    return exposures;
  }

  /** c·log(θ(r)/ρ) + b·log((1 − θ(r))/(1 − ρ)), θ(r) = ρr/(ρr + 1 − ρ): STATISTICS.md as is. */
  private static double logLikelihoodRatio(double ratio, Batch batch) {
    double share = batch.canaryShare();
    double theta = share * ratio / (share * ratio + 1 - share);
    return batch.canaryEvents() * Math.log(theta / share)
        + batch.stableEvents() * Math.log((1 - theta) / (1 - share));
  }

  private static void report(String traffic, Exposure... exposures) {
    StringBuilder line = new StringBuilder("detection, " + traffic
        + ", canary requests median/p90, judge (oracle):");
    for (Exposure e : exposures) {
      line.append(String.format(" | %sx %s (%s)", e.ratio, e.judge, e.oracle));
    }
    System.out.println(line);
  }
}
