package dev.ramp.metrics;

import dev.ramp.api.analysis.PrometheusMetric;
import dev.ramp.api.analysis.PrometheusRangeQuery;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;

/**
 * A PromQL query. {@code result} is a Double for a scalar, and a List of Doubles for an instant
 * vector, in Prometheus' order of label sets so that {@code result[0]} always denotes the same
 * series; with a {@code rangeQuery}, every value of every series over the range (see
 * {@link PrometheusQuery}).
 */
public final class PrometheusProvider implements MetricProvider {
  private final PrometheusClients clients;
  private final Clock clock;

  public PrometheusProvider(HttpClient http, Secrets secrets) {
    this(http, secrets, Clock.systemUTC(), new AwsCredentialChain());
  }

  /**
   * @param clock what a range query's {@code now()} is, and when OAuth2 tokens expire
   * @param aws where SigV4 signatures get their AWS credentials
   */
  PrometheusProvider(HttpClient http, Secrets secrets, Clock clock, AwsCredentialChain aws) {
    this.clients = new PrometheusClients(http, secrets, clock, aws);
    this.clock = clock;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    PrometheusMetric metric = request.metric().provider.prometheus;
    PrometheusTarget target = PrometheusTarget.of(metric);
    PrometheusRangeQuery range = metric.rangeQuery;
    if (range == null) {
      return MeasurementResult.valueOf(() ->
          clients.open(request.namespace(), target).run(metric.query));
    }
    return MeasurementResult.valueOf(() -> {
      // the range is checked before anything is sent
      Instant now = clock.instant();
      Instant start = TimeExpressions.evaluate(range.start, "rangeQuery.start", now);
      Instant end = TimeExpressions.evaluate(range.end, "rangeQuery.end", now);
      if (range.step == null || range.step.isBlank()) {
        throw new MeasurementException("rangeQuery.step is empty: write the resolution, e.g."
            + " 30s or 1m");
      }
      return clients.open(request.namespace(), target)
          .runRange(metric.query, start, end, range.step.trim());
    });
  }
}
