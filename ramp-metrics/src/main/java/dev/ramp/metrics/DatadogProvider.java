package dev.ramp.metrics;

import dev.ramp.api.analysis.DatadogMetric;
import dev.ramp.metrics.DatadogAnswer.Series;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Datadog query over the last {@code interval} (default 5m), as Argo Rollouts runs it: v1
 * takes one {@code query}; v2 takes a {@code query} or named {@code queries} and a
 * {@code formula}. {@code result} is the series' value by the {@code aggregator} (default the
 * last point), a Double for one series and a List for several. No series, a point without a
 * value and NaN are errors: an analysis cannot judge what was not measured.
 */
public final class DatadogProvider implements MetricProvider {
  private static final List<String> AGGREGATORS =
      List.of("last", "avg", "mean", "min", "max", "sum", "l2norm");

  private final HttpClient http;
  private final Secrets secrets;
  private final Clock clock;

  /** @param clock where the measured window ends */
  public DatadogProvider(HttpClient http, Secrets secrets, Clock clock) {
    this.http = http;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    DatadogMetric metric = request.metric().provider.datadog;
    return MeasurementResult.valueOf(() -> {
      DatadogQuery datadog = new DatadogQuery(http, secrets, request.namespace(),
          metric.apiVersion, metric.secretRef, metric.requestTimeout);
      Map<String, String> queries = queries(metric, datadog.isV2());
      String aggregator = metric.aggregator == null ? "last" : metric.aggregator;
      if (!AGGREGATORS.contains(aggregator)) {
        throw new MeasurementException("aggregator \"" + aggregator + "\" is not one of "
            + String.join(", ", AGGREGATORS));
      }
      Instant to = clock.instant();
      Duration interval = Intervals.parse(metric.interval);
      return datadog.run(queries, metric.formula, to.minus(interval), to,
          series -> result(series, aggregator));
    });
  }

  /** The queries by name, after checking they are a combination Datadog's API takes. */
  private static Map<String, String> queries(DatadogMetric metric, boolean v2)
      throws MeasurementException {
    boolean named = metric.queries != null && !metric.queries.isEmpty();
    if (!v2 && (named || metric.formula != null)) {
      throw new MeasurementException("queries and formula need apiVersion: v2");
    }
    if (named == (metric.query != null)) {
      throw new MeasurementException("write either query or queries");
    }
    if (!named) {
      if (metric.formula != null) {
        throw new MeasurementException("a formula combines named queries: write queries, not"
            + " query");
      }
      if (metric.query.isBlank()) {
        throw new MeasurementException("query is empty");
      }
      return Map.of("query", metric.query);
    }
    if (metric.formula == null && metric.queries.size() > 1) {
      throw new MeasurementException("several queries need a formula that combines them");
    }
    return new LinkedHashMap<>(metric.queries);
  }

  private static Object result(List<Series> series, String aggregator)
      throws MeasurementException {
    if (series.isEmpty()) {
      throw new MeasurementException("it has no series: nothing was measured in the interval");
    }
    List<Double> values = new ArrayList<>();
    for (Series one : series) {
      values.add(aggregate(complete(one), aggregator));
    }
    return values.size() == 1 ? values.get(0) : values;
  }

  /** The series' points, when every one has a value. */
  private static double[] complete(Series series) throws MeasurementException {
    List<Double> points = series.points();
    if (points.isEmpty()) {
      throw new MeasurementException("series " + series.name() + " has no points");
    }
    double[] values = new double[points.size()];
    for (int i = 0; i < values.length; i++) {
      Double point = points.get(i);
      if (point == null) {
        throw new MeasurementException("series " + series.name() + " has no value at point "
            + (i + 1) + " of " + values.length + ": a partial series, which proves nothing");
      }
      if (point.isNaN()) {
        throw new MeasurementException("series " + series.name() + " is NaN at point "
            + (i + 1) + " of " + values.length);
      }
      values[i] = point;
    }
    return values;
  }

  private static double aggregate(double[] points, String aggregator) {
    return switch (aggregator) {
      case "avg", "mean" -> sum(points) / points.length;
      case "min" -> Arrays.stream(points).min().orElseThrow();
      case "max" -> Arrays.stream(points).max().orElseThrow();
      case "sum" -> sum(points);
      case "l2norm" -> Math.sqrt(Arrays.stream(points).map(x -> x * x).sum());
      default -> points[points.length - 1];
    };
  }

  private static double sum(double[] points) {
    return Arrays.stream(points).sum();
  }
}
