package dev.ramp.metrics;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.api.analysis.CloudWatchMetric.DataQuery;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * A CloudWatch GetMetricData call over the last {@code interval} (default 5m), as Argo Rollouts
 * makes it. {@code result} is what Argo gives its conditions: the list of MetricDataResults,
 * each a map of {@code Id}, {@code Label}, {@code StatusCode}, {@code Timestamps} and
 * {@code Values}, newest first. A result without values, a NaN and a partial answer are errors:
 * an analysis cannot judge what was not measured (Argo would pass {@code all([], …)}).
 */
public final class CloudWatchProvider implements MetricProvider {
  private final CloudWatchConnection connection;
  private final Clock clock;

  /**
   * @param connection the client all CloudWatch metrics share
   * @param clock where the measured window ends
   */
  CloudWatchProvider(CloudWatchConnection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    CloudWatchMetric metric = request.metric().provider.cloudWatch;
    return MeasurementResult.valueOf(() -> {
      if (metric.metricDataQueries == null || metric.metricDataQueries.isEmpty()) {
        throw new MeasurementException("metricDataQueries is empty: write the metrics to read");
      }
      List<MetricDataQuery> queries = new ArrayList<>();
      for (DataQuery query : metric.metricDataQueries) {
        queries.add(query(query));
      }
      CloudWatchQuery cloudWatch = new CloudWatchQuery(connection,
          Timeouts.parse(metric.timeout, CloudWatchQuery.DEFAULT_TIMEOUT));
      Instant to = clock.instant();
      return cloudWatch.run(queries, to.minus(Intervals.parse(metric.interval)), to,
          CloudWatchProvider::result);
    });
  }

  /** The SDK's query for Argo's; CloudWatch itself checks what is required. */
  private static MetricDataQuery query(DataQuery query) throws MeasurementException {
    MetricDataQuery.Builder sdk = MetricDataQuery.builder().id(query.id)
        .expression(query.expression).label(query.label).returnData(query.returnData)
        .period(seconds(query.period, query.id));
    if (query.metricStat != null) {
      sdk.metricStat(MetricStat.builder()
          .metric(metric(query.metricStat.metric))
          .period(seconds(query.metricStat.period, query.id))
          .stat(query.metricStat.stat).unit(query.metricStat.unit).build());
    }
    return sdk.build();
  }

  /** A metric as the SDK names it; also for the counters. */
  static Metric metric(CloudWatchMetric.StatMetric metric) {
    if (metric == null) {
      return null;
    }
    List<Dimension> dimensions = new ArrayList<>();
    for (CloudWatchMetric.Dimension dimension : metric.dimensions == null
        ? List.<CloudWatchMetric.Dimension>of() : metric.dimensions) {
      dimensions.add(Dimension.builder().name(dimension.name).value(dimension.value).build());
    }
    return Metric.builder().namespace(metric.namespace).metricName(metric.metricName)
        .dimensions(dimensions).build();
  }

  /** A period: whole seconds, written as a number or, after {{args}}, as text. */
  static Integer seconds(IntOrString period, String id) throws MeasurementException {
    if (period == null || period.getIntVal() != null) {
      return period == null ? null : period.getIntVal();
    }
    String text = String.valueOf(period.getStrVal()).trim();
    if (!text.matches("\\d{1,9}")) {
      throw new MeasurementException("period \"" + text + "\" of query " + id
          + " is not a whole number of seconds");
    }
    return Integer.valueOf(text);
  }

  private static List<Map<String, Object>> result(List<MetricDataResult> results)
      throws MeasurementException {
    if (results.isEmpty()) {
      throw new MeasurementException("no results: set returnData on the query to judge");
    }
    List<Map<String, Object>> value = new ArrayList<>();
    for (MetricDataResult result : results) {
      if (result.values().isEmpty()) {
        throw new MeasurementException("result " + result.id() + " has no data points:"
            + " nothing was measured in the interval");
      }
      for (int i = 0; i < result.values().size(); i++) {
        if (result.values().get(i).isNaN()) {
          throw new MeasurementException("result " + result.id() + " is NaN at point "
              + (i + 1) + " of " + result.values().size());
        }
      }
      Map<String, Object> argo = new LinkedHashMap<>();
      argo.put("Id", result.id());
      argo.put("Label", result.label() == null ? "" : result.label());
      argo.put("StatusCode", result.statusCodeAsString());
      argo.put("Timestamps", result.timestamps().stream().map(Instant::toString).toList());
      argo.put("Values", List.copyOf(result.values()));
      value.add(argo);
    }
    return value;
  }
}
