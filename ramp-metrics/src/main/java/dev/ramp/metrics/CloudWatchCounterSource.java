package dev.ramp.metrics;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.api.analysis.CompareMetric.CloudWatchCounters;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Counters from CloudWatch: the events and the requests metric, {@code {{revision}}} replaced in
 * their dimension values, read in one GetMetricData call per revision as their {@code Sum}
 * per period since 00:00 UTC, added up. CloudWatch keeps sums per period, not running totals;
 * counting from a fixed start makes successive readings grow as counters do. At midnight the
 * totals start again from 0, which the judge takes as a counter restart (it skips that one
 * interval). A metric without data points has counted nothing: 0.
 */
final class CloudWatchCounterSource implements CounterSource {
  private static final int DEFAULT_PERIOD = 60;
  private static final String EVENTS = "events";
  private static final String REQUESTS = "requests";

  private final CloudWatchQuery cloudWatch;
  private final CloudWatchMetric.StatMetric events;
  private final CloudWatchMetric.StatMetric requests;
  private final int period;
  private final Clock clock;

  CloudWatchCounterSource(CloudWatchConnection connection, Clock clock,
      CloudWatchCounters counters) throws MeasurementException {
    this.events = naming(counters.events, "the events metric");
    this.requests = naming(counters.requests, "the requests metric");
    Integer period = CloudWatchProvider.seconds(counters.period, "events and requests");
    this.period = period == null ? DEFAULT_PERIOD : period;
    this.cloudWatch = new CloudWatchQuery(connection,
        Timeouts.parse(counters.timeout, CloudWatchQuery.DEFAULT_TIMEOUT));
    this.clock = clock;
  }

  /** The metric, when a dimension's value names the revision. */
  private static CloudWatchMetric.StatMetric naming(CloudWatchMetric.StatMetric metric,
      String what) throws MeasurementException {
    if (metric == null) {
      throw new MeasurementException(what + " is not set");
    }
    RevisionTemplate.of(metric.dimensions == null ? null : metric.dimensions.stream()
        .map(dimension -> dimension.value).collect(Collectors.joining(" ")),
        what + " (in its dimensions' values)");
    return metric;
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    Instant now = clock.instant();
    List<MetricDataQuery> queries = List.of(sum(EVENTS, events, revision),
        sum(REQUESTS, requests, revision));
    return cloudWatch.run(queries, now.truncatedTo(ChronoUnit.DAYS), now, results ->
        new Counts(total(results, EVENTS), total(results, REQUESTS)));
  }

  private MetricDataQuery sum(String id, CloudWatchMetric.StatMetric metric, String revision) {
    Metric named = CloudWatchProvider.metric(metric);
    List<Dimension> dimensions = named.dimensions().stream().map(dimension -> dimension
        .toBuilder().value(RevisionTemplate.replace(dimension.value(), revision)).build())
        .toList();
    return MetricDataQuery.builder().id(id).metricStat(MetricStat.builder()
        .metric(named.toBuilder().dimensions(dimensions).build())
        .period(period).stat("Sum").build()).build();
  }

  private static double total(List<MetricDataResult> results, String id)
      throws MeasurementException {
    MetricDataResult result = results.stream().filter(one -> id.equals(one.id())).findFirst()
        .orElseThrow(() -> new MeasurementException("it has no result " + id));
    double total = 0;
    for (Double value : result.values()) {
      if (value.isNaN()) {
        throw new MeasurementException("a count of the " + id + " metric is NaN");
      }
      total += value;
    }
    return total;
  }

}
