package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareState;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.engine.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A compare metric whose saved judge state (in the AnalysisRun's status, which people and tools
 * can edit) holds what no run of measurements can produce: the measurement starts the test
 * again and says what was wrong, and never throws.
 */
class RestoredJudgeStateTest {
  private static final CompareMetric COMPARE = new CompareMetric();
  private static final double[] NOT_COUNTS = {Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, -1};
  private static final double[] NOT_SHARES = {Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, -0.5, 1.5};
  private static final double[] NOT_EVIDENCE = {Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY};

  /** One way a saved state can be wrong, and what the measurement says about it. */
  private record Damage(Consumer<CompareState> apply, String says) {}

  /** A state after three batches of 10,000 requests, 10% to the canary, 1% failing. */
  private static CompareState genuine() {
    CompareState state = null;
    for (int i = 0; i <= 3; i++) {
      state = CompareJudging.measure(COMPARE, state,
          new CounterReading(10 * i, 1_000 * i, 90 * i, 9_000 * i), null).state();
    }
    return state;
  }

  private static Damage damage(Random random) {
    int kind = random.nextInt(6);
    switch (kind) {
      case 0 -> {
        double bad = NOT_COUNTS[random.nextInt(NOT_COUNTS.length)];
        return new Damage(s -> s.stableRequests = bad,
            "the last reading of stable requests is " + bad + ", not a count");
      }
      case 1 -> {
        long bad = -1 - random.nextInt(1_000_000);
        return new Damage(s -> s.judgedCanaryRequests = bad,
            "negative canary total: 30 events in " + bad + " requests");
      }
      case 2 -> {
        long more = 27_001 + random.nextInt(1_000);
        return new Damage(s -> s.judgedStableEvents = more,
            "more stable events than requests: " + more + " events in 27000 requests");
      }
      case 3 -> {
        double bad = NOT_SHARES[random.nextInt(NOT_SHARES.length)];
        return new Damage(s -> s.lastCanaryShare = bad,
            "the last canary share must lie between 0 and 1, is " + bad);
      }
      case 4 -> {
        int index = random.nextInt(145);
        double bad = NOT_EVIDENCE[random.nextInt(NOT_EVIDENCE.length)];
        return new Damage(s -> {
          List<Double> evidence = new ArrayList<>(s.logLikelihoodRatios);
          evidence.set(index, bad);
          s.logLikelihoodRatios = evidence;
        }, "log likelihood ratio " + index + " of 145 is " + bad + ", not a finite number");
      }
      default -> {
        return new Damage(s -> s.lastCanaryShare = null, "some of its numbers are missing");
      }
    }
  }

  @Test
  void aStateNoMeasurementsCanProduceStartsTheTestAgainSayingWhatWasWrong() {
    Random random = new Random(18);
    for (int i = 0; i < 500; i++) {
      CompareState saved = genuine();
      Damage damage = damage(random);
      damage.apply().accept(saved);
      CounterReading next = new CounterReading(40, 4_000, 360, 36_000);

      CompareJudging.Outcome outcome = CompareJudging.measure(COMPARE, Copies.of(saved), next,
          null);

      assertThat(outcome.message()).as("damaged by %s", damage.says()).isEqualTo(
          "the judge's saved state is not valid (" + damage.says() + "): starting the test"
              + " again from here; undecided: no events on either side yet");
      assertThat(outcome.phase()).isEqualTo(AnalysisPhase.Inconclusive);
      assertThat(outcome.state().judgedCanaryRequests).isZero();
      assertThat(outcome.state().canaryRequests).isEqualTo(4_000.0);
      CompareJudging.Outcome after = CompareJudging.measure(COMPARE, outcome.state(),
          new CounterReading(50, 5_000, 450, 45_000), null);
      assertThat(after.numbers().canaryRequests).as("the next batch is judged").isEqualTo(1_000);
    }
  }

  @Test
  void totalsThatWouldPassTheLargestCountStartTheTestAgain() {
    Random random = new Random(18);
    for (int i = 0; i < 100; i++) {
      CompareState saved = genuine();
      long room = random.nextInt(1_000);
      saved.judgedStableRequests = Long.MAX_VALUE - room;

      // the next batch has 9,000 stable requests: more than the room left
      CompareJudging.Outcome outcome = CompareJudging.measure(COMPARE, saved,
          new CounterReading(40, 4_000, 360, 36_000), null);

      assertThat(outcome.message()).isEqualTo("the judge's request totals would pass"
          + " 9223372036854775807: starting the test again from here; undecided: no events on"
          + " either side yet");
      assertThat(outcome.state().judgedStableRequests).isZero();
    }
  }

  @Test
  void totalsJustBelowTheLargestCountAreStillJudged() {
    CompareState saved = genuine();
    saved.judgedCanaryRequests = Long.MAX_VALUE - 1_000;

    CompareJudging.Outcome outcome = CompareJudging.measure(COMPARE, saved,
        new CounterReading(40, 4_000, 360, 36_000), null);

    assertThat(outcome.numbers().canaryRequests).isEqualTo(Long.MAX_VALUE);
    assertThat(outcome.phase()).isIn(AnalysisPhase.Inconclusive, AnalysisPhase.Successful);
    assertThat(outcome.message()).doesNotContain("starting the test again");
  }
}
