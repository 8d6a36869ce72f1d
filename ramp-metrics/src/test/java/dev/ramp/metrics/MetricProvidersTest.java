package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.api.analysis.DatadogMetric;
import dev.ramp.api.analysis.DynatraceMetric;
import dev.ramp.api.analysis.GoogleCloudMonitoringMetric;
import dev.ramp.api.analysis.GraphiteMetric;
import dev.ramp.api.analysis.InfluxDbMetric;
import dev.ramp.api.analysis.JobMetric;
import dev.ramp.api.analysis.KayentaMetric;
import dev.ramp.api.analysis.SkyWalkingMetric;
import dev.ramp.api.analysis.SplunkMetric;
import dev.ramp.api.analysis.WavefrontMetric;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricProvidersTest {
  // never contacted: providers only talk to servers when measuring
  private final KubernetesClient kubernetes =
      new KubernetesClientBuilder().withConfig(Config.empty()).build();
  private final MetricProviders providers =
      new MetricProviders(kubernetes, HttpClient.newHttpClient());

  @AfterEach
  void close() {
    kubernetes.close();
  }

  @Test
  void picksTheProviderOfTheFieldThatIsSet() {
    MeasurementRequest prometheus = Requests.prometheus("http://prometheus:9090", "up", null);
    MeasurementRequest web = Requests.web(Requests.get("http://status", null));
    MeasurementRequest job = Requests.job("smoke", null, null);
    MeasurementRequest compare = Requests.compare(Requests.compare("c4n4ry", "st4bl3"));
    MeasurementRequest influxdb = Requests.influxdb(new InfluxDbMetric());
    MeasurementRequest graphite = Requests.graphite(new GraphiteMetric());
    MeasurementRequest datadog = Requests.datadog(new DatadogMetric());
    MeasurementRequest cloudWatch = Requests.cloudWatch(new CloudWatchMetric());
    MeasurementRequest wavefront = Requests.wavefront(new WavefrontMetric());
    MeasurementRequest dynatrace = Requests.dynatrace(new DynatraceMetric());
    MeasurementRequest splunk = Requests.splunk(new SplunkMetric());
    MeasurementRequest skywalking = Requests.skywalking(new SkyWalkingMetric());
    MeasurementRequest kayenta = Requests.kayenta(new KayentaMetric());
    MeasurementRequest googleCloudMonitoring =
        Requests.googleCloudMonitoring(new GoogleCloudMonitoringMetric());

    assertThat(providers.forMetric(prometheus.metric())).isInstanceOf(PrometheusProvider.class)
        .isSameAs(providers.forMetric(prometheus.metric()));
    assertThat(providers.forMetric(web.metric())).isInstanceOf(WebProvider.class);
    assertThat(providers.forMetric(job.metric())).isInstanceOf(JobProvider.class);
    assertThat(providers.forMetric(compare.metric())).isInstanceOf(CompareProvider.class);
    assertThat(providers.forMetric(influxdb.metric())).isInstanceOf(InfluxDbProvider.class);
    assertThat(providers.forMetric(graphite.metric())).isInstanceOf(GraphiteProvider.class);
    assertThat(providers.forMetric(datadog.metric())).isInstanceOf(DatadogProvider.class);
    assertThat(providers.forMetric(cloudWatch.metric())).isInstanceOf(CloudWatchProvider.class);
    assertThat(providers.forMetric(wavefront.metric())).isInstanceOf(WavefrontProvider.class);
    assertThat(providers.forMetric(dynatrace.metric())).isInstanceOf(DynatraceProvider.class);
    assertThat(providers.forMetric(splunk.metric())).isInstanceOf(SplunkProvider.class);
    assertThat(providers.forMetric(skywalking.metric())).isInstanceOf(SkyWalkingProvider.class);
    assertThat(providers.forMetric(googleCloudMonitoring.metric()))
        .isInstanceOf(GoogleCloudMonitoringProvider.class);
    assertThat(providers.forMetric(kayenta.metric())).isInstanceOf(KayentaProvider.class);
  }

  @Test
  void aMetricWithoutExactlyOneProviderIsRefused() {
    MeasurementRequest none = Requests.web(null);
    MeasurementRequest two = Requests.web(Requests.get("http://status", null));
    two.metric().provider.job = new JobMetric();

    assertThatThrownBy(() -> providers.forMetric(none.metric()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric error-rate must set exactly one provider of prometheus, web, job,"
            + " compare, influxdb, graphite, datadog, newRelic, cloudWatch, wavefront, dynatrace,"
            + " splunk, skywalking, googleCloudMonitoring and kayenta");
    assertThatThrownBy(() -> providers.forMetric(two.metric()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
