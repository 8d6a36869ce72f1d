package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The "roughly N more canary requests" of an undecided verdict against what the runs then took: the
 * medians should agree within a factor of two.
 */
class RequestsNeededTest {
  private static final RatioJudge JUDGE = RatioJudge.DEFAULTS;
  private static final int RUNS = 400;
  private static final int MAX_BATCHES = 3_000;

  @Test
  void predictsTheWayToAcceptingAHealthyCanary() {
    assertRoughlyRight(Traffic.ramp(1.0), 2_000, 41);
  }

  @Test
  void predictsTheWayToFlaggingARegression() {
    assertRoughlyRight(Traffic.constant(0.05, 2), 300, 42);
  }

  private static void assertRoughlyRight(Traffic traffic, long askAfter, long seed) {
    long[] seeds = Traffic.seeds(seed, RUNS);
    long[][] runs = IntStream.range(0, RUNS).parallel()
        .mapToObj(run -> predictedAndTaken(traffic, askAfter, new Random(seeds[run])))
        .filter(Objects::nonNull)
        .toArray(long[][]::new);
    long predicted = median(Arrays.stream(runs).mapToLong(run -> run[0]).toArray());
    long taken = median(Arrays.stream(runs).mapToLong(run -> run[1]).toArray());

    System.out.printf("more canary requests needed after %,d at canary error rate %s "
        + "(%d undecided runs): predicted median %,d, taken median %,d%n",
        askAfter, traffic.canaryRate(), runs.length, predicted, taken);
    assertThat(taken).isBetween(predicted / 2, predicted * 2);
  }

  /**
   * The estimate once askAfter canary requests were seen, and how many more the run needed; null
   * when the run was decided before.
   */
  private static long[] predictedAndTaken(Traffic traffic, long askAfter, Random random) {
    JudgeState state = JudgeState.initial();
    Verdict asked = null;
    for (int b = 0; b < MAX_BATCHES; b++) {
      state = JUDGE.update(state, traffic.batch(random, b));
      Verdict verdict = JUDGE.verdict(state);
      if (asked == null && state.canaryRequests() >= askAfter) {
        asked = verdict;
      }
      if (verdict.decision() != Decision.UNDECIDED) {
        break;
      }
    }
    return asked == null || asked.decision() != Decision.UNDECIDED
        ? null
        : new long[] {asked.moreRequestsNeeded(), state.canaryRequests() - asked.canaryRequests()};
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
