package dev.ramp.metrics;

import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.PrometheusMetric;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An instant PromQL query. {@code result} is a Double for a scalar, and a List of Doubles for an
 * instant vector, in Prometheus' order of label sets so that {@code result[0]} always denotes the
 * same series (see {@link PrometheusQuery}).
 */
public final class PrometheusProvider implements MetricProvider {
  private final TlsClients clients;
  private final OAuth2Tokens tokens;

  public PrometheusProvider(HttpClient http, Secrets secrets) {
    this.clients = new TlsClients(http, secrets);
    this.tokens = new OAuth2Tokens(http, Clock.systemUTC());
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    PrometheusMetric metric = request.metric().provider.prometheus;
    return MeasurementResult.valueOf(() -> new PrometheusQuery(
        clients.client(request.namespace(), Boolean.TRUE.equals(metric.insecure), metric.ca),
        metric.address, metric.timeout, headers(metric)).run(metric.query));
  }

  /** The metric's headers, and the OAuth2 token when it has client credentials. */
  private List<Header> headers(PrometheusMetric metric) throws MeasurementException {
    if (metric.authentication == null || metric.authentication.oauth2 == null) {
      return metric.headers;
    }
    List<Header> headers = new ArrayList<>(metric.headers == null ? List.of() : metric.headers);
    headers.add(new Header("Authorization", "Bearer " + tokens.token(
        metric.authentication.oauth2,
        Timeouts.parse(metric.timeout, PrometheusQuery.DEFAULT_TIMEOUT))));
    return headers;
  }
}
