package dev.ramp.engine.analysis;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.CompareMeasurement;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareState;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.engine.judge.Batch;
import dev.ramp.engine.judge.EventWording;
import dev.ramp.engine.judge.JudgeState;
import dev.ramp.engine.judge.RatioJudge;
import dev.ramp.engine.judge.RegressionTest;
import dev.ramp.engine.judge.Verdict;
import java.util.Arrays;

/**
 * One measurement of a compare metric: what the counters grew by since the last reading is one
 * batch for the judge, whose verdict is the measurement's phase (Failed: regression; Successful:
 * acceptable; Inconclusive: undecided). The judge's state lives in the metric's result, so a
 * restarted controller continues the same test. The state also keeps the canary weight at the
 * reading: the measurement loop reads again at once when the weight changes, so each batch is
 * served under one weight.
 */
final class CompareJudging {
  static final double DEFAULT_ALPHA = 0.01;
  static final double DEFAULT_MAX_RATIO = 1.5;
  static final long DEFAULT_MIN_REQUESTS = 1_000;

  /** The measurement's phase and message, the judge's new state, and its numbers. */
  record Outcome(AnalysisPhase phase, String value, String message, CompareState state,
      CompareMeasurement numbers) {}

  private CompareJudging() {}

  static RatioJudge judge(CompareMetric compare) {
    return new RatioJudge(
        compare.alpha == null ? DEFAULT_ALPHA : compare.alpha,
        compare.maxRatio == null ? DEFAULT_MAX_RATIO : compare.maxRatio,
        compare.minRequests == null ? DEFAULT_MIN_REQUESTS : compare.minRequests,
        RegressionTest.fromSpec(compare.test));
  }

  /** @param canaryWeight the canary weight the rollout has set now, null when it has not said */
  static Outcome measure(CompareMetric compare, CompareState previous, CounterReading reading,
      Integer canaryWeight) {
    RatioJudge judge = judge(compare);
    JudgeState state = JudgeState.initial();
    String note = null;
    if (previous == null) {
      note = "first reading: counting from here";
    } else {
      try {
        state = restore(previous);
        Batch batch = batch(previous, reading);
        if (batch == null) {
          note = "the counters went down (a restarted process?): counting again from here";
        } else {
          state = judge.update(state, batch);
        }
      } catch (IllegalArgumentException e) {
        state = JudgeState.initial();
        note = "the judge's saved state is not valid (" + e.getMessage()
            + "): starting the test again from here";
      } catch (ArithmeticException e) {
        state = JudgeState.initial();
        note = "the judge's request totals would pass " + Long.MAX_VALUE
            + ": starting the test again from here";
      }
    }
    Verdict verdict = judge.verdict(state, wording(compare));
    AnalysisPhase phase = switch (verdict.decision()) {
      case REGRESSION -> AnalysisPhase.Failed;
      case ACCEPTABLE -> AnalysisPhase.Successful;
      case UNDECIDED -> AnalysisPhase.Inconclusive;
    };
    String message = note == null ? verdict.message() : note + "; " + verdict.message();
    String value = Double.isNaN(verdict.ratioEstimate()) ? null
        : AnalysisRunPlanner.text(verdict.ratioEstimate());
    CompareMeasurement numbers = numbers(state, verdict);
    numbers.canaryWeight = previous == null ? null : previous.canaryWeight;
    return new Outcome(phase, value, message, save(state, reading, canaryWeight), numbers);
  }

  /** Slow requests are named as such; any other counted event is an event. */
  private static EventWording wording(CompareMetric compare) {
    return compare.prometheus != null && compare.prometheus.histogram != null
        ? EventWording.slowerThan(compare.prometheus.slowerThan) : EventWording.EVENTS;
  }

  /**
   * The batch between two readings, or null when a counter went down (the counters restarted,
   * so the increase is unknown). Events read a moment after requests may run ahead of them; a
   * batch never has more events than requests.
   */
  private static Batch batch(CompareState previous, CounterReading reading) {
    long canaryRequests = Math.round(reading.canaryRequests() - previous.canaryRequests);
    long canaryEvents = Math.round(reading.canaryEvents() - previous.canaryEvents);
    long stableRequests = Math.round(reading.stableRequests() - previous.stableRequests);
    long stableEvents = Math.round(reading.stableEvents() - previous.stableEvents);
    if (canaryRequests < 0 || canaryEvents < 0 || stableRequests < 0 || stableEvents < 0) {
      return null;
    }
    return new Batch(canaryRequests, Math.min(canaryEvents, canaryRequests), stableRequests,
        Math.min(stableEvents, stableRequests));
  }

  /**
   * The saved state; throws IllegalArgumentException saying what is missing or impossible (a
   * status edited by hand, or from another version of the judge).
   */
  private static JudgeState restore(CompareState saved) {
    lastReading("canary events", saved.canaryEvents);
    lastReading("canary requests", saved.canaryRequests);
    lastReading("stable events", saved.stableEvents);
    lastReading("stable requests", saved.stableRequests);
    if (saved.judgedCanaryRequests == null || saved.judgedCanaryEvents == null
        || saved.judgedStableRequests == null || saved.judgedStableEvents == null
        || saved.lastCanaryShare == null || saved.logLikelihoodRatios == null
        || saved.logLikelihoodRatios.contains(null)) {
      throw new IllegalArgumentException("some of its numbers are missing");
    }
    double[] evidence = saved.logLikelihoodRatios.stream().mapToDouble(Double::doubleValue)
        .toArray();
    return new JudgeState(saved.judgedCanaryRequests, saved.judgedCanaryEvents,
        saved.judgedStableRequests, saved.judgedStableEvents, saved.lastCanaryShare, evidence);
  }

  private static void lastReading(String counter, Double value) {
    if (value == null || !Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("the last reading of " + counter + " is " + value
          + ", not a count");
    }
  }

  private static CompareState save(JudgeState state, CounterReading reading,
      Integer canaryWeight) {
    CompareState saved = new CompareState();
    saved.canaryWeight = canaryWeight;
    saved.canaryEvents = reading.canaryEvents();
    saved.canaryRequests = reading.canaryRequests();
    saved.stableEvents = reading.stableEvents();
    saved.stableRequests = reading.stableRequests();
    saved.judgedCanaryRequests = state.canaryRequests();
    saved.judgedCanaryEvents = state.canaryEvents();
    saved.judgedStableRequests = state.stableRequests();
    saved.judgedStableEvents = state.stableEvents();
    saved.lastCanaryShare = state.lastCanaryShare();
    saved.logLikelihoodRatios = Arrays.stream(state.logLikelihoodRatios()).boxed().toList();
    return saved;
  }

  private static CompareMeasurement numbers(JudgeState state, Verdict verdict) {
    CompareMeasurement numbers = new CompareMeasurement();
    numbers.canaryRequests = state.canaryRequests();
    numbers.canaryEvents = state.canaryEvents();
    numbers.stableRequests = state.stableRequests();
    numbers.stableEvents = state.stableEvents();
    numbers.eValue = AnalysisRunPlanner.text(verdict.eValue());
    numbers.ratio = Double.isNaN(verdict.ratioEstimate()) ? null
        : AnalysisRunPlanner.text(verdict.ratioEstimate());
    numbers.ratioLower = AnalysisRunPlanner.text(verdict.ratioLower());
    numbers.ratioUpper = AnalysisRunPlanner.text(verdict.ratioUpper());
    numbers.moreRequestsNeeded = verdict.moreRequestsNeeded() > 0
        ? verdict.moreRequestsNeeded() : null;
    return numbers;
  }
}
