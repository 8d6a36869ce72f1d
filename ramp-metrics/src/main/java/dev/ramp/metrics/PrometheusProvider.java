package dev.ramp.metrics;

import dev.ramp.api.analysis.PrometheusMetric;
import java.net.http.HttpClient;

/**
 * An instant PromQL query. {@code result} is a Double for a scalar, and a List of Doubles for an
 * instant vector, in Prometheus' order of label sets so that {@code result[0]} always denotes the
 * same series (see {@link PrometheusQuery}).
 */
public final class PrometheusProvider implements MetricProvider {
  private final TlsClients clients;

  public PrometheusProvider(HttpClient http, Secrets secrets) {
    this.clients = new TlsClients(http, secrets);
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    PrometheusMetric metric = request.metric().provider.prometheus;
    return MeasurementResult.valueOf(() -> new PrometheusQuery(
        clients.client(request.namespace(), Boolean.TRUE.equals(metric.insecure), metric.ca),
        metric.address, metric.timeout, metric.headers).run(metric.query));
  }
}
