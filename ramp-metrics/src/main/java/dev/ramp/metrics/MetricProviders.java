package dev.ramp.metrics;

import dev.ramp.api.analysis.Metric;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.time.Clock;

/** The provider for each metric: one shared instance per kind of provider. */
public final class MetricProviders {
  private final PrometheusProvider prometheus;
  private final WebProvider web;
  private final JobProvider job;
  private final CompareProvider compare;
  private final InfluxDbProvider influxdb;
  private final GraphiteProvider graphite;
  private final DatadogProvider datadog;

  /**
   * @param kubernetes where Job metrics run their Jobs, and where the Secrets holding
   *     providers' credentials (InfluxDB profiles, Datadog keys) are read, in the
   *     AnalysisRun's namespace
   * @param http sends every provider's HTTP requests, compare metrics' included; its connect
   *     timeout and redirect policy apply to them
   */
  public MetricProviders(KubernetesClient kubernetes, HttpClient http) {
    Secrets secrets = Secrets.of(kubernetes);
    this.prometheus = new PrometheusProvider(http);
    this.web = new WebProvider(http);
    this.job = new JobProvider(kubernetes);
    this.compare = new CompareProvider(http, secrets);
    this.influxdb = new InfluxDbProvider(http, secrets);
    this.graphite = new GraphiteProvider(http);
    this.datadog = new DatadogProvider(http, secrets, Clock.systemUTC());
  }

  /**
   * The provider for the one field of {@code metric.provider} that is set.
   *
   * @throws IllegalArgumentException when none or several are set (the CRD forbids both)
   */
  public MetricProvider forMetric(Metric metric) {
    var provider = metric.provider;
    int set = provider == null ? 0 : (provider.prometheus != null ? 1 : 0)
        + (provider.web != null ? 1 : 0) + (provider.job != null ? 1 : 0)
        + (provider.compare != null ? 1 : 0) + (provider.influxdb != null ? 1 : 0)
        + (provider.graphite != null ? 1 : 0) + (provider.datadog != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException("metric " + metric.name + " must set exactly one"
          + " provider of prometheus, web, job, compare, influxdb, graphite and datadog");
    }
    if (provider.graphite != null) {
      return graphite;
    }
    if (provider.prometheus != null) {
      return prometheus;
    }
    if (provider.web != null) {
      return web;
    }
    if (provider.influxdb != null) {
      return influxdb;
    }
    if (provider.datadog != null) {
      return datadog;
    }
    return provider.job != null ? job : compare;
  }
}
