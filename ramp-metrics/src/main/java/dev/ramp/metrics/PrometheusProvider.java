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
    return MeasurementResult.valueOf(() -> {
      PrometheusQuery prometheus =
          clients.open(request.namespace(), PrometheusTarget.of(metric));
      PrometheusRangeQuery range = metric.rangeQuery;
      if (range == null) {
        return prometheus.run(metric.query);
      }
      Instant now = clock.instant();
      if (range.step == null || range.step.isBlank()) {
        throw new MeasurementException("rangeQuery.step is empty: write the resolution, e.g."
            + " 30s or 1m");
      }
      return prometheus.runRange(metric.query,
          TimeExpressions.evaluate(range.start, "rangeQuery.start", now),
          TimeExpressions.evaluate(range.end, "rangeQuery.end", now), range.step.trim());
    });
  }
}
