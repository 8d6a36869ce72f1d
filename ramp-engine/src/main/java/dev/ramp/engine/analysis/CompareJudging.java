package dev.ramp.engine.analysis;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.CompareMeasurement;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareSignal;
import dev.ramp.api.analysis.CompareState;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.CounterSources;
import dev.ramp.api.analysis.JudgeNumbers;
import dev.ramp.api.analysis.JudgedCounters;
import dev.ramp.api.analysis.SignalMeasurement;
import dev.ramp.api.analysis.SignalReadings;
import dev.ramp.api.analysis.SignalState;
import dev.ramp.engine.judge.Batch;
import dev.ramp.engine.judge.Decision;
import dev.ramp.engine.judge.EventWording;
import dev.ramp.engine.judge.JointVerdict;
import dev.ramp.engine.judge.JudgeState;
import dev.ramp.engine.judge.RatioJudge;
import dev.ramp.engine.judge.RegressionTest;
import dev.ramp.engine.judge.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One measurement of a compare metric: what the counters grew by since the last reading is one
 * batch for the judge, whose verdict is the measurement's phase (Failed: regression; Successful:
 * acceptable; Inconclusive: undecided). A metric with several signals has one judge per signal,
 * each at its share of alpha, combined by {@link JointVerdict}. The judges' state lives in the
 * metric's result, so a restarted controller continues the same test. The state also keeps the
 * canary weight at the reading: the measurement loop reads again at once when the weight
 * changes, so each batch is served under one weight.
 */
final class CompareJudging {
  static final double DEFAULT_ALPHA = 0.01;
  static final double DEFAULT_MAX_RATIO = 1.5;
  static final long DEFAULT_MIN_REQUESTS = 1_000;

  /** The measurement's phase and message, the judge's new state, and its numbers. */
  record Outcome(AnalysisPhase phase, String value, String message, CompareState state,
      CompareMeasurement numbers) {}

  /** One signal's new state and verdict, and what happened to its state first, if anything. */
  private record Judged(JudgeState state, Verdict verdict, String note) {
    String message() {
      return note == null ? verdict.message() : note + "; " + verdict.message();
    }
  }

  private CompareJudging() {}

  static RatioJudge judge(CompareMetric compare) {
    return judge(compare, alpha(compare), compare.maxRatio);
  }

  /** A signal's judge: its share of the metric's alpha, its own maxRatio or the metric's. */
  private static RatioJudge judge(CompareMetric compare, CompareSignal signal) {
    return judge(compare, JointVerdict.signalAlpha(alpha(compare), compare.signals.size()),
        signal.maxRatio != null ? signal.maxRatio : compare.maxRatio);
  }

  private static RatioJudge judge(CompareMetric compare, double alpha, Double maxRatio) {
    return new RatioJudge(alpha,
        maxRatio == null ? DEFAULT_MAX_RATIO : maxRatio,
        compare.minRequests == null ? DEFAULT_MIN_REQUESTS : compare.minRequests,
        RegressionTest.fromSpec(compare.test));
  }

  private static double alpha(CompareMetric compare) {
    return compare.alpha == null ? DEFAULT_ALPHA : compare.alpha;
  }

  /**
   * A metric with one counter source.
   *
   * @param canaryWeight the canary weight the rollout has set now, null when it has not said
   */
  static Outcome measure(CompareMetric compare, CompareState previous, CounterReading reading,
      Integer canaryWeight) {
    if (compare.signals != null) {
      return mismatch(previous, "one counter reading, but the metric lists signals");
    }
    Judged judged = judge(judge(compare), wording(compare), previous, reading);
    CompareState saved = new CompareState();
    save(judged.state(), reading, saved);
    saved.canaryWeight = canaryWeight;
    CompareMeasurement numbers = new CompareMeasurement();
    numbers(judged.state(), judged.verdict(), numbers);
    numbers.canaryWeight = previous == null ? null : previous.canaryWeight;
    return new Outcome(phase(judged.verdict().decision()), ratio(judged.verdict()),
        judged.message(), saved, numbers);
  }

  /**
   * A metric with several signals: each signal's reading is one batch for that signal's judge,
   * and the verdicts are combined.
   *
   * @param canaryWeight the canary weight the rollout has set now, null when it has not said
   */
  static Outcome measure(CompareMetric compare, CompareState previous, SignalReadings readings,
      Integer canaryWeight) {
    if (compare.signals == null) {
      return mismatch(previous, "readings of several signals, but the metric has one source");
    }
    List<JointVerdict.Signal> verdicts = new ArrayList<>();
    CompareState saved = new CompareState();
    saved.canaryWeight = canaryWeight;
    saved.signals = new ArrayList<>();
    CompareMeasurement numbers = new CompareMeasurement();
    numbers.canaryWeight = previous == null ? null : previous.canaryWeight;
    numbers.signals = new ArrayList<>();
    for (CompareSignal signal : compare.signals) {
      CounterReading reading = readings.bySignal().get(signal.name);
      if (reading == null) {
        return mismatch(previous, "no reading of signal " + signal.name);
      }
      Judged judged =
          judge(judge(compare, signal), wording(signal), saved(previous, signal.name), reading);
      Verdict verdict = judged.verdict();
      verdicts.add(new JointVerdict.Signal(signal.name, new Verdict(verdict.decision(),
          verdict.eValue(), verdict.ratioEstimate(), verdict.ratioLower(), verdict.ratioUpper(),
          verdict.canaryRequests(), verdict.moreRequestsNeeded(), judged.message())));
      SignalState state = new SignalState();
      state.name = signal.name;
      save(judged.state(), reading, state);
      saved.signals.add(state);
      SignalMeasurement measured = new SignalMeasurement();
      measured.name = signal.name;
      numbers(judged.state(), verdict, measured);
      numbers.signals.add(measured);
    }
    JointVerdict joint = JointVerdict.of(verdicts);
    numbers.moreRequestsNeeded = joint.moreRequestsNeeded() > 0 ? joint.moreRequestsNeeded()
        : null;
    return new Outcome(phase(joint.decision()), ratio(verdicts, joint.decision()),
        joint.message(), saved, numbers);
  }

  /**
   * A reading that does not fit the metric (a provider that read it the other way): an Error
   * that leaves the judges' state as it was.
   */
  private static Outcome mismatch(CompareState previous, String problem) {
    return new Outcome(AnalysisPhase.Error, null, "the compare provider read " + problem,
        previous, null);
  }

  private static AnalysisPhase phase(Decision decision) {
    return switch (decision) {
      case REGRESSION -> AnalysisPhase.Failed;
      case ACCEPTABLE -> AnalysisPhase.Successful;
      case UNDECIDED -> AnalysisPhase.Inconclusive;
    };
  }

  /** The signal's saved state in a metric with several signals, null before its first reading. */
  private static SignalState saved(CompareState previous, String signal) {
    return previous == null || previous.signals == null ? null : previous.signals.stream()
        .filter(state -> signal.equals(state.name)).findFirst().orElse(null);
  }

  /** One signal's batch since its previous reading, taken in by its judge. */
  private static Judged judge(RatioJudge judge, EventWording wording, JudgedCounters previous,
      CounterReading reading) {
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
    return new Judged(state, judge.verdict(state, wording), note);
  }

  /** Slow requests are named as such; any other counted event is an event. */
  private static EventWording wording(CounterSources counters) {
    return counters.prometheus != null && counters.prometheus.histogram != null
        ? EventWording.slowerThan(counters.prometheus.slowerThan) : EventWording.EVENTS;
  }

  /**
   * The batch between two readings, or null when a counter went down (the counters restarted,
   * so the increase is unknown). Events read a moment after requests may run ahead of them; a
   * batch never has more events than requests.
   */
  private static Batch batch(JudgedCounters previous, CounterReading reading) {
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
  private static JudgeState restore(JudgedCounters saved) {
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

  private static void save(JudgeState state, CounterReading reading, JudgedCounters saved) {
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
  }

  private static void numbers(JudgeState state, Verdict verdict, JudgeNumbers numbers) {
    numbers.canaryRequests = state.canaryRequests();
    numbers.canaryEvents = state.canaryEvents();
    numbers.stableRequests = state.stableRequests();
    numbers.stableEvents = state.stableEvents();
    numbers.eValue = AnalysisRunPlanner.text(verdict.eValue());
    numbers.ratio = ratio(verdict);
    numbers.ratioLower = AnalysisRunPlanner.text(verdict.ratioLower());
    numbers.ratioUpper = AnalysisRunPlanner.text(verdict.ratioUpper());
    numbers.moreRequestsNeeded = verdict.moreRequestsNeeded() > 0
        ? verdict.moreRequestsNeeded() : null;
  }

  /** The estimated ratio as text, null before there is one. */
  private static String ratio(Verdict verdict) {
    return Double.isNaN(verdict.ratioEstimate()) ? null
        : AnalysisRunPlanner.text(verdict.ratioEstimate());
  }

  /**
   * The measurement's value with several signals: the highest estimated ratio among the signals
   * whose own decision is the combined one (the regressed ones, say).
   */
  private static String ratio(List<JointVerdict.Signal> verdicts, Decision decision) {
    return verdicts.stream().map(JointVerdict.Signal::verdict)
        .filter(verdict -> verdict.decision() == decision
            && !Double.isNaN(verdict.ratioEstimate()))
        .max((a, b) -> Double.compare(a.ratioEstimate(), b.ratioEstimate()))
        .map(CompareJudging::ratio).orElse(null);
  }
}
