package dev.ramp.metrics;

import dev.ramp.api.analysis.Metric;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;

/** The provider for each metric: one shared instance per kind of provider. */
public final class MetricProviders {
  private final PrometheusProvider prometheus;
  private final WebProvider web;
  private final JobProvider job;
  private final CompareProvider compare;

  /**
   * @param kubernetes where Job metrics run their Jobs
   * @param http sends Prometheus queries and web requests, compare metrics' included; its
   *     connect timeout and redirect policy apply to them
   */
  public MetricProviders(KubernetesClient kubernetes, HttpClient http) {
    this.prometheus = new PrometheusProvider(http);
    this.web = new WebProvider(http);
    this.job = new JobProvider(kubernetes);
    this.compare = new CompareProvider(http);
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
        + (provider.compare != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException("metric " + metric.name
          + " must set exactly one provider of prometheus, web, job and compare");
    }
    if (provider.prometheus != null) {
      return prometheus;
    }
    if (provider.web != null) {
      return web;
    }
    return provider.job != null ? job : compare;
  }
}
