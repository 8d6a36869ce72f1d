package dev.ramp.engine.spec;

import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.Metric;
import dev.ramp.engine.analysis.MetricConditions;
import dev.ramp.engine.analysis.MetricSettings;
import dev.ramp.engine.judge.RegressionTest;
import java.util.ArrayList;
import java.util.List;

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
    if (compare.maxRatio != null
        && !(compare.maxRatio > 1 && compare.maxRatio < LARGEST_RATIO)) {
      problems.add(at + "compare.maxRatio must be above 1 and below " + (int) LARGEST_RATIO
          + " (is " + compare.maxRatio + ")");
    }
    if (compare.prometheus != null && !countsOneWay(compare.prometheus)) {
      problems.add(at + "compare.prometheus counts either events and requests (two queries) or"
          + " the requests of a histogram slowerThan a bucket boundary, e.g. histogram:"
          + " http_request_duration_seconds{revision=\"{{revision}}\"} with slowerThan: 300ms");
    }
    try {
      RegressionTest.fromSpec(compare.test);
    } catch (IllegalArgumentException e) {
      problems.add(at + "compare." + e.getMessage());
    }
    return problems;
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
