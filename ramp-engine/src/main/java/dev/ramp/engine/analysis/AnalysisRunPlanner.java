package dev.ramp.engine.analysis;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.api.analysis.SignalReadings;
import dev.ramp.engine.Copies;
import dev.ramp.engine.Times;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurement loop of an AnalysisRun, as pure decisions: which metrics to measure now, and
 * what the run's status becomes once they are measured. The controller takes the measurements in
 * between. A compare metric is measured when its interval has passed, and also at once when the
 * rollout tells the run of a new canary weight ({@link CanaryWeightMark}), so that the judge's
 * batch ends where the canary's share of traffic changes.
 */
public final class AnalysisRunPlanner {
  /** How often a measurement left running (a Job) is looked at again. */
  static final Duration RESUME_EVERY = Duration.ofSeconds(2);
  /** When a metric without an interval could not be measured, when to try again. */
  static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(10);
  private static final int DEFAULT_RETENTION = 10;

  private AnalysisRunPlanner() {}

  /** What the controller is to do for a metric now. */
  public enum Work { MEASURE, RESUME, TERMINATE }

  /** One piece of work: for a running measurement, its provider's metadata. */
  public record Task(Metric metric, Work work, Map<String, String> metadata) {}

  /** A run's new status, and when it next needs looking at (null: never, it is complete). */
  public record Update(AnalysisRunStatus status, Instant nextAt) {}

  public static List<Task> tasks(AnalysisRun run, Instant now) {
    Map<String, MetricSettings> settings;
    try {
      settings = settings(run);
    } catch (IllegalArgumentException e) {
      return List.of(); // the update says so
    }
    List<Task> tasks = new ArrayList<>();
    boolean stopped = Boolean.TRUE.equals(run.getSpec().terminate) || phase(run).completed();
    Integer weight = CanaryWeightMark.of(run);
    for (Metric metric : run.getSpec().metrics) {
      MetricResult result = result(run, metric.name);
      Measurement last = last(result);
      boolean running = last != null && AnalysisPhase.Running.name().equals(last.phase);
      if (running) {
        tasks.add(new Task(metric, stopped ? Work.TERMINATE : Work.RESUME, last.metadata));
      } else if (!stopped && !metricPhase(result).completed() && !now.isBefore(nextMeasurement(
          settings.get(metric.name), result, started(run.getStatus(), now), weight, now))) {
        tasks.add(new Task(metric, Work.MEASURE, Map.of()));
      }
    }
    return tasks;
  }

  public static Update update(AnalysisRun run, List<Taken> taken, Instant now) {
    AnalysisRunStatus status = copy(run.getStatus());
    if (status.startedAt == null) {
      status.startedAt = Times.format(now);
    }
    Map<String, MetricSettings> settings;
    try {
      settings = settings(run);
    } catch (IllegalArgumentException e) {
      status.phase = AnalysisPhase.Error.name();
      status.message = e.getMessage();
      return new Update(status, null);
    }
    Map<String, Taken> byMetric = new HashMap<>();
    taken.forEach(t -> byMetric.put(t.metric(), t));
    Integer weight = CanaryWeightMark.of(run);
    List<MetricResult> results = new ArrayList<>();
    for (Metric metric : run.getSpec().metrics) {
      MetricResult result = result(status, metric.name);
      if (result == null) {
        result = new MetricResult();
        result.name = metric.name;
        result.dryRun = Boolean.TRUE.equals(metric.dryRun) ? true : null;
        result.phase = AnalysisPhase.Running.name();
      }
      Taken measured = byMetric.get(metric.name);
      if (measured != null) {
        record(metric, settings.get(metric.name), result, measured, weight, now);
      }
      results.add(result);
    }
    status.metricResults = results;
    settle(run, status);
    return new Update(status, status.phase.equals(AnalysisPhase.Running.name())
        ? nextLook(run, settings, status, now) : null);
  }

  /**
   * Each metric's settings, read with the run's arguments; throws IllegalArgumentException
   * saying which field of which metric is not a number or a duration.
   */
  private static Map<String, MetricSettings> settings(AnalysisRun run) {
    Map<String, MetricSettings> settings = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Metric metric : run.getSpec().metrics) {
      try {
        settings.put(metric.name, MetricSettings.of(metric, run.getSpec().args));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return settings;
  }

  /** Adds one measurement to a metric's result and judges the metric. */
  private static void record(Metric metric, MetricSettings settings, MetricResult result,
      Taken taken, Integer weight, Instant now) {
    List<Measurement> measurements = result.measurements == null
        ? new ArrayList<>() : new ArrayList<>(result.measurements);
    Measurement last = measurements.isEmpty() ? null : measurements.get(measurements.size() - 1);
    Measurement measurement;
    if (last != null && AnalysisPhase.Running.name().equals(last.phase)) {
      measurement = last; // a running measurement is finished in place
    } else {
      measurement = new Measurement();
      measurement.startedAt = Times.format(now);
      measurements.add(measurement);
    }
    measurement.metadata = taken.metadata().isEmpty() ? measurement.metadata : taken.metadata();
    boolean badCondition = false;
    if (taken.running()) {
      measurement.phase = AnalysisPhase.Running.name();
    } else {
      AnalysisPhase phase = judge(metric, result, taken, weight, measurement);
      // A provider error may pass (consecutiveErrorLimit); a condition that cannot be evaluated
      // will not get better, so it ends the metric at once.
      badCondition = phase == AnalysisPhase.Error && taken.error() == null;
      measurement.phase = phase.name();
      measurement.finishedAt = Times.format(now);
      count(result, phase);
    }
    int keep = metric.measurementRetention == null ? DEFAULT_RETENTION
        : metric.measurementRetention;
    result.measurements = new ArrayList<>(
        measurements.subList(Math.max(0, measurements.size() - keep), measurements.size()));
    AnalysisPhase phase = badCondition ? AnalysisPhase.Error
        : metricPhase(metric, settings, result);
    result.phase = phase.name();
    result.message = phase.completed() ? measurement.message : null;
  }

  private static AnalysisPhase judge(Metric metric, MetricResult result, Taken taken,
      Integer weight, Measurement measurement) {
    if (taken.error() != null) {
      measurement.message = taken.error();
      return AnalysisPhase.Error;
    }
    if (taken.verdict() != null) {
      // a provider that judges may still say what it judged (Kayenta's score)
      measurement.value = taken.value() == null ? null : text(taken.value());
      measurement.message = taken.message();
      return taken.verdict();
    }
    if (compares(metric) && (taken.value() instanceof CounterReading
        || taken.value() instanceof SignalReadings)) {
      CompareJudging.Outcome outcome = taken.value() instanceof SignalReadings readings
          ? CompareJudging.measure(metric.provider.compare, result.compare, readings, weight)
          : CompareJudging.measure(metric.provider.compare, result.compare,
              (CounterReading) taken.value(), weight);
      result.compare = outcome.state();
      measurement.compare = outcome.numbers();
      measurement.value = outcome.value();
      measurement.message = outcome.message();
      return outcome.phase();
    }
    measurement.value = text(taken.value());
    MetricConditions.Verdict verdict = MetricConditions.judge(metric.successCondition,
        metric.failureCondition, taken.value());
    if (verdict.phase() == AnalysisPhase.Error && taken.value() instanceof List<?> list
        && list.isEmpty()) {
      // No data (an empty query result) proves nothing either way, unless the conditions
      // themselves say what empty means (size(result) == 0).
      measurement.message = "no data: the query returned nothing";
      return AnalysisPhase.Inconclusive;
    }
    measurement.message = verdict.message();
    return verdict.phase();
  }

  private static void count(MetricResult result, AnalysisPhase phase) {
    result.count = plus(result.count);
    switch (phase) {
      case Successful -> result.successful = plus(result.successful);
      case Failed -> result.failed = plus(result.failed);
      case Inconclusive -> result.inconclusive = plus(result.inconclusive);
      default -> result.error = plus(result.error);
    }
    result.consecutiveError = phase == AnalysisPhase.Error ? plus(result.consecutiveError) : 0;
  }

  /**
   * A metric's verdict from its counts and limits. A compare metric's measurements are the
   * judge's verdicts so far: it ends at the first acceptance (unless it runs in the background
   * without a count, where it keeps guarding), and is inconclusive when its count runs out
   * undecided.
   */
  private static AnalysisPhase metricPhase(Metric metric, MetricSettings settings,
      MetricResult result) {
    if (zero(result.failed) > settings.failureLimit()) {
      return AnalysisPhase.Failed;
    }
    if (zero(result.consecutiveError) > settings.consecutiveErrorLimit()) {
      return AnalysisPhase.Error;
    }
    // Errors do not count: they are retried (up to consecutiveErrorLimit in a row).
    Integer count = settings.count();
    int decided = zero(result.successful) + zero(result.failed) + zero(result.inconclusive);
    if (compares(metric)) {
      if (count != null && zero(result.successful) > 0) {
        return AnalysisPhase.Successful;
      }
      return count != null && decided >= count ? AnalysisPhase.Inconclusive
          : AnalysisPhase.Running;
    }
    if (zero(result.inconclusive) > settings.inconclusiveLimit()) {
      return AnalysisPhase.Inconclusive;
    }
    return count != null && decided >= count ? AnalysisPhase.Successful : AnalysisPhase.Running;
  }

  private static boolean compares(Metric metric) {
    return metric.provider != null && metric.provider.compare != null;
  }

  /**
   * The run's verdict: the worst of its metrics (dry runs aside). A failure or error decides at
   * once; otherwise the run ends when every metric is done. A terminated run ends with what it
   * has.
   */
  private static void settle(AnalysisRun run, AnalysisRunStatus status) {
    AnalysisPhase worst = AnalysisPhase.Successful;
    boolean running = false;
    String message = null;
    for (MetricResult result : status.metricResults) {
      if (Boolean.TRUE.equals(result.dryRun)) {
        continue;
      }
      AnalysisPhase phase = AnalysisPhase.of(result.phase);
      if (!phase.completed()) {
        running = true;
      } else if (phase.worse(worst) != worst) {
        worst = phase;
        message = "metric " + result.name + " " + phase.name().toLowerCase(Locale.ROOT)
            + describe(result);
      }
    }
    boolean decided = worst == AnalysisPhase.Failed || worst == AnalysisPhase.Error;
    if (decided || !running) {
      status.phase = worst.name();
      status.message = message;
    } else if (Boolean.TRUE.equals(run.getSpec().terminate)) {
      status.phase = worst.name();
      status.message = "terminated" + (message == null ? "" : "; " + message);
    } else {
      status.phase = AnalysisPhase.Running.name();
      status.message = null;
    }
  }

  private static String describe(MetricResult result) {
    Measurement last = last(result);
    if (last == null) {
      return "";
    }
    return (last.value == null ? "" : ": value " + last.value)
        + (last.message == null ? "" : " (" + last.message + ")");
  }

  /**
   * When the next measurement of a metric is due, for a run that started at {@code started}:
   * now for a compare metric whose last reading was taken under another canary weight than the
   * run's {@code weight} (unless that reading failed: then the schedule retries, rather than every
   * reconcile).
   */
  private static Instant nextMeasurement(MetricSettings settings, MetricResult result,
      Instant started, Integer weight, Instant now) {
    Measurement last = last(result);
    if (last == null) {
      return started.plus(settings.initialDelay());
    }
    if (weight != null && result.compare != null && !weight.equals(result.compare.canaryWeight)
        && !AnalysisPhase.Error.name().equals(last.phase)) {
      return now;
    }
    Duration interval = settings.interval() != null ? settings.interval()
        : AnalysisPhase.Error.name().equals(last.phase) ? RETRY_AFTER_ERROR : Duration.ZERO;
    return Times.parse(last.finishedAt, started).plus(interval);
  }

  /** When the run next needs work: its earliest due or running measurement. */
  private static Instant nextLook(AnalysisRun run, Map<String, MetricSettings> settings,
      AnalysisRunStatus status, Instant now) {
    Instant next = null;
    for (Metric metric : run.getSpec().metrics) {
      MetricResult result = result(status, metric.name);
      if (AnalysisPhase.of(result.phase).completed()) {
        continue;
      }
      Measurement last = last(result);
      Instant at = last != null && AnalysisPhase.Running.name().equals(last.phase)
          ? now.plus(RESUME_EVERY)
          : nextMeasurement(settings.get(metric.name), result, started(status, now),
              CanaryWeightMark.of(run), now);
      next = next == null || at.isBefore(next) ? at : next;
    }
    return next;
  }

  private static Instant started(AnalysisRunStatus status, Instant now) {
    return status == null ? now : Times.parse(status.startedAt, now);
  }

  private static AnalysisPhase metricPhase(MetricResult result) {
    return result == null ? AnalysisPhase.Running : AnalysisPhase.of(result.phase);
  }

  private static AnalysisPhase phase(AnalysisRun run) {
    return run.getStatus() == null || run.getStatus().phase == null ? AnalysisPhase.Pending
        : AnalysisPhase.of(run.getStatus().phase);
  }

  private static MetricResult result(AnalysisRun run, String metric) {
    return run.getStatus() == null ? null : result(run.getStatus(), metric);
  }

  private static MetricResult result(AnalysisRunStatus status, String metric) {
    return status.metricResults == null ? null : status.metricResults.stream()
        .filter(r -> metric.equals(r.name)).findFirst().orElse(null);
  }

  private static Measurement last(MetricResult result) {
    return result == null || result.measurements == null || result.measurements.isEmpty()
        ? null : result.measurements.get(result.measurements.size() - 1);
  }

  /** A value as people read it: numbers to four significant digits, lists in brackets. */
  static String text(Object value) {
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString()
          : new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(", ", list.stream().map(AnalysisRunPlanner::text).toList()) + "]";
    }
    return String.valueOf(value);
  }

  private static AnalysisRunStatus copy(AnalysisRunStatus status) {
    return status == null ? new AnalysisRunStatus() : Copies.of(status);
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }

  private static Integer plus(Integer value) {
    return zero(value) + 1;
  }
}
