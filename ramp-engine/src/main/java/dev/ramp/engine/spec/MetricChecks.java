package dev.ramp.engine.spec;

import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareSignal;
import dev.ramp.api.analysis.CounterSources;
import dev.ramp.api.analysis.Metric;
import dev.ramp.engine.analysis.MetricConditions;
import dev.ramp.engine.analysis.MetricSettings;
import dev.ramp.engine.judge.RegressionTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** Checks of one metric of an AnalysisTemplate beyond its schema. */
public final class MetricChecks {
  /** The judge's grid of rate ratios ends at 64x. */
  private static final double LARGEST_RATIO = 64;

  private MetricChecks() {}

  /**
   * The problems of a metric measured with these arguments: a template's (a field using one
   * without a value is checked once a rollout gives it) or a rollout's analysis's.
   */
  public static List<String> check(Metric metric, List<Argument> args) {
    // A run of a metric that fails these would end in Error.
    List<String> problems = new ArrayList<>(MetricSettings.problems(metric, args));
    String at = "metric " + metric.name + ": ";
    condition(metric.successCondition, at + "successCondition", problems);
    condition(metric.failureCondition, at + "failureCondition", problems);
    CompareMetric compare = metric.provider == null ? null : metric.provider.compare;
    if (compare == null) {
      return problems;
    }
    if (metric.interval == null) {
      problems.add(at + "compare needs an interval: it judges what the counters did between"
          + " two measurements");
    }
    if (metric.successCondition != null || metric.failureCondition != null) {
      problems.add(at + "compare decides by itself: remove successCondition and"
          + " failureCondition");
    }
    if (compare.alpha != null && !(compare.alpha > 0 && compare.alpha < 1)) {
      problems.add(at + "compare.alpha must be between 0 and 1 (is " + compare.alpha + ")");
    }
    maxRatio(compare.maxRatio, at + "compare.maxRatio", problems);
    if (compare.signals == null) {
      prometheusCounts(compare, at + "compare", problems);
    } else {
      signals(compare, at, problems);
    }
    try {
      RegressionTest.fromSpec(compare.test);
    } catch (IllegalArgumentException e) {
      problems.add(at + "compare." + e.getMessage());
    }
    return problems;
  }

  /**
   * Signals instead of a source: at least one, each named, no name twice, each reading from one
   * source.
   */
  private static void signals(CompareMetric compare, String at, List<String> problems) {
    if (sources(compare) > 0) {
      problems.add(at + "compare reads its counters either from one source or from signals,"
          + " not both: move the source into a signal");
    }
    if (compare.signals.isEmpty()) {
      problems.add(at + "compare.signals is empty: list at least one signal, or give compare"
          + " one source instead");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < compare.signals.size(); i++) {
      CompareSignal signal = compare.signals.get(i);
      String field = at + "compare.signals[" + i + "]";
      if (signal.name == null || signal.name.isBlank()) {
        problems.add(field + " needs a name: the verdicts name the signal that decided");
      } else if (!names.add(signal.name)) {
        problems.add(field + ": two signals are named " + signal.name
            + "; each signal needs a name of its own");
      }
      maxRatio(signal.maxRatio, field + ".maxRatio", problems);
      if (sources(signal) != 1) {
        problems.add(field + " must read its counters from exactly one of prometheus, web,"
            + " influxdb, graphite, datadog, newRelic, cloudWatch");
      }
      prometheusCounts(signal, field, problems);
    }
  }

  private static void prometheusCounts(CounterSources counters, String field,
      List<String> problems) {
    if (counters.prometheus != null && !countsOneWay(counters.prometheus)) {
      problems.add(field + ".prometheus counts either events and requests (two queries) or"
          + " the requests of a histogram slowerThan a bucket boundary, e.g. histogram:"
          + " http_request_duration_seconds{revision=\"{{revision}}\"} with slowerThan: 300ms");
    }
  }

  private static long sources(CounterSources counters) {
    return Stream.of(counters.prometheus, counters.web, counters.influxdb, counters.graphite,
        counters.datadog, counters.newRelic, counters.cloudWatch).filter(Objects::nonNull).count();
  }

  private static void maxRatio(Double maxRatio, String field, List<String> problems) {
    if (maxRatio != null && !(maxRatio > 1 && maxRatio < LARGEST_RATIO)) {
      problems.add(field + " must be above 1 and below " + (int) LARGEST_RATIO
          + " (is " + maxRatio + ")");
    }
  }

  /** Either two queries, or a histogram with its threshold: never parts of both. */
  private static boolean countsOneWay(CompareMetric.PrometheusCounters counters) {
    return counters.histogram != null
        ? counters.slowerThan != null && counters.events == null && counters.requests == null
        : counters.events != null && counters.requests != null && counters.slowerThan == null;
  }

  private static void condition(String condition, String field, List<String> problems) {
    String problem = condition == null ? null : MetricConditions.problem(condition);
    if (problem != null) {
      problems.add(field + ": " + problem);
    }
  }
}
