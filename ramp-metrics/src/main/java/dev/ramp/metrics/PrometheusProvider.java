package dev.ramp.metrics;

import dev.ramp.api.analysis.PrometheusMetric;
import java.net.http.HttpClient;

/**
 * An instant PromQL query. {@code result} is a Double for a scalar, and a List of Doubles for an
 * instant vector, in Prometheus' order of label sets so that {@code result[0]} always denotes the
 * same series (see {@link PrometheusQuery}).
 */
public final class PrometheusProvider implements MetricProvider {
  private final HttpClient http;

  public PrometheusProvider(HttpClient http) {
    this.http = http;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    PrometheusMetric metric = request.metric().provider.prometheus;
    return MeasurementResult.valueOf(() ->
        new PrometheusQuery(http, metric.address, metric.timeout, metric.headers)
            .run(metric.query));
  }
}
