package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Several signals in one judge, on simulated ramps (5% → 10% → 25% → 50%, one-second batches of
 * 100 requests, each signal counting its own events among the same requests): each signal's
 * judge runs at α/k, and the combined verdict is read after every batch, as the measurement loop
 * does. The union bound promises at most α runs of a healthy canary rolled back by any signal,
 * and at most α/k runs where a signal whose true ratio is at its maxRatio is accepted. With n
 * runs, a true rate of p has standard deviation √(p(1 − p)/n); allowing p plus three of them
 * fails a correct judge with probability about 0.1%.
 */
class JointValidityTest {
  private static final double ALPHA = 0.01;
  private static final int SIGNALS = 3;

  /**
   * 4,000 healthy ramps of 300 s. Judged at α per signal instead, the three signals together
   * roll back more than α of them: the split is what keeps the promise.
   */
  @Test
  void aHealthyCanaryIsRarelyRolledBackByAnyOfThreeSignals() {
    int runs = 4_000;
    double allowed = ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / runs);
    double split = share(runs, JointVerdict.signalAlpha(ALPHA, SIGNALS), 1.5,
        new SignalsTraffic(1, 1, 1), 300, Decision.REGRESSION, 20_261_207);
    double unsplit = share(runs, ALPHA, 1.5, new SignalsTraffic(1, 1, 1), 300,
        Decision.REGRESSION, 20_261_207);

    System.out.printf("A/A, %d signals, %,d ramps: rolled back %.2f%% at alpha/%d per signal,"
        + " %.2f%% at alpha per signal (allowed %.2f%%)%n", SIGNALS, runs, 100 * split, SIGNALS,
        100 * unsplit, 100 * allowed);
    assertThat(split).isLessThanOrEqualTo(allowed);
    assertThat(unsplit).isGreaterThan(ALPHA).isGreaterThan(2 * split);
  }

  /**
   * 1,000 ramps of up to 20 minutes where one signal's canary is exactly at its maxRatio (1.5x)
   * and the other two are healthy: the canary is accepted only if that signal is, which its
   * confidence sequence at α/3 allows at most α/3 of the time.
   */
  @Test
  void aSignalAtItsToleranceIsRarelyAccepted() {
    int runs = 1_000;
    double signalAlpha = JointVerdict.signalAlpha(ALPHA, SIGNALS);
    double allowed = signalAlpha + 3 * Math.sqrt(signalAlpha * (1 - signalAlpha) / runs);
    double accepted = share(runs, signalAlpha, 1.5, new SignalsTraffic(1, 1.5, 1), 1_200,
        Decision.ACCEPTABLE, 20_261_208);

    System.out.printf("one of %d signals at its tolerance, %,d ramps: accepted %.2f%% (allowed"
        + " %.2f%%)%n", SIGNALS, runs, 100 * accepted, 100 * allowed);
    assertThat(accepted).isLessThanOrEqualTo(allowed);
  }

  /**
   * The share of runs in which the combined verdict reaches {@code decision}. A regression ends a
   * run (the rollout is aborted); an acceptance does not when looking for regressions, as a judge
   * in the background keeps guarding after it.
   */
  private static double share(int runs, double signalAlpha, double maxRatio,
      SignalsTraffic traffic, int batches, Decision decision, long seed) {
    RatioJudge judge = new RatioJudge(signalAlpha, maxRatio, 1_000);
    long[] seeds = Traffic.seeds(seed, runs);
    long count = IntStream.range(0, runs).parallel()
        .filter(run -> reaches(judge, traffic, batches, decision, new Random(seeds[run])))
        .count();
    return (double) count / runs;
  }

  private static boolean reaches(RatioJudge judge, SignalsTraffic traffic, int batches,
      Decision decision, Random random) {
    JudgeState[] states = new JudgeState[traffic.canaryRatios().length];
    Arrays.fill(states, JudgeState.initial());
    for (int b = 0; b < batches; b++) {
      Batch[] batch = traffic.batches(random, b);
      List<JointVerdict.Signal> verdicts = new ArrayList<>();
      for (int s = 0; s < states.length; s++) {
        states[s] = judge.update(states[s], batch[s]);
        verdicts.add(new JointVerdict.Signal("signal " + s, judge.verdict(states[s])));
      }
      Decision reached = JointVerdict.of(verdicts).decision();
      if (reached == decision) {
        return true;
      }
      if (reached == Decision.REGRESSION) {
        return false;
      }
    }
    return false;
  }
}
