package dev.ramp.metrics;

import dev.ramp.api.analysis.Metric;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.time.Clock;

/** The provider for each metric: one shared instance per kind of provider. */
public final class MetricProviders {
  /** Which provider each field of a metric's provider picks; exactly one must be set. */
  private final OneOf<dev.ramp.api.analysis.MetricProvider, MetricProvider> providers;

  /**
   * @param kubernetes where Job metrics run their Jobs, and where the Secrets holding
   *     providers' credentials (InfluxDB profiles, Datadog keys) are read, in the
   *     AnalysisRun's namespace
   * @param http sends every provider's HTTP requests, compare metrics' included; its connect
   *     timeout and redirect policy apply to them
   */
  public MetricProviders(KubernetesClient kubernetes, HttpClient http) {
    Secrets secrets = Secrets.of(kubernetes);
    Clock clock = Clock.systemUTC();
    AwsCredentialChain aws = new AwsCredentialChain();
    CloudWatchConnection cloudWatch = new CloudWatchConnection();
    this.providers = new OneOf<dev.ramp.api.analysis.MetricProvider, MetricProvider>()
        .or("prometheus", provider -> provider.prometheus,
            new PrometheusProvider(http, secrets, clock, aws))
        .or("web", provider -> provider.web, new WebProvider(http))
        .or("job", provider -> provider.job, new JobProvider(kubernetes))
        .or("compare", provider -> provider.compare,
            new CompareProvider(http, secrets, clock, aws, cloudWatch))
        .or("influxdb", provider -> provider.influxdb, new InfluxDbProvider(http, secrets))
        .or("graphite", provider -> provider.graphite, new GraphiteProvider(http))
        .or("datadog", provider -> provider.datadog,
            new DatadogProvider(http, secrets, clock))
        .or("newRelic", provider -> provider.newRelic, new NewRelicProvider(http, secrets))
        .or("cloudWatch", provider -> provider.cloudWatch,
            new CloudWatchProvider(cloudWatch, clock))
        .or("wavefront", provider -> provider.wavefront,
            new WavefrontProvider(http, secrets, clock))
        .or("dynatrace", provider -> provider.dynatrace,
            new DynatraceProvider(http, secrets, clock))
        .or("splunk", provider -> provider.splunk,
            new SplunkProvider(http, secrets, clock))
        .or("skywalking", provider -> provider.skywalking, new SkyWalkingProvider(http, clock))
        .or("googleCloudMonitoring", provider -> provider.googleCloudMonitoring,
            new GoogleCloudMonitoringProvider(http))
        .or("kayenta", provider -> provider.kayenta, new KayentaProvider(http));
  }

  /**
   * The provider for the one field of {@code metric.provider} that is set.
   *
   * @throws IllegalArgumentException when none or several are set (the CRD forbids both)
   */
  public MetricProvider forMetric(Metric metric) {
    return providers.pick(metric.provider).orElseThrow(() -> new IllegalArgumentException(
        "metric " + metric.name + " must set exactly one provider of " + providers.names()));
  }
}
