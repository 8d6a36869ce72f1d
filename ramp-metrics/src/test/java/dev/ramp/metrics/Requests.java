package dev.ramp.metrics;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.DatadogMetric;
import dev.ramp.api.analysis.DynatraceMetric;
import dev.ramp.api.analysis.GoogleCloudMonitoringMetric;
import dev.ramp.api.analysis.GraphiteMetric;
import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.InfluxDbMetric;
import dev.ramp.api.analysis.JobMetric;
import dev.ramp.api.analysis.KayentaMetric;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.NewRelicMetric;
import dev.ramp.api.analysis.PrometheusMetric;
import dev.ramp.api.analysis.SkyWalkingMetric;
import dev.ramp.api.analysis.SplunkMetric;
import dev.ramp.api.analysis.WavefrontMetric;
import dev.ramp.api.analysis.WebMetric;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Measurement requests as the engine makes them, for the providers' tests. */
final class Requests {
  static final String NAMESPACE = "default";

  private Requests() {}

  /** A request to measure the metric {@code name} whose provider {@code provider} sets. */
  private static MeasurementRequest request(String name, Consumer<MetricProvider> provider) {
    Metric metric = metric(name);
    provider.accept(metric.provider);
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest prometheus(String address, String query, String timeout,
      Header... headers) {
    PrometheusMetric prometheus = new PrometheusMetric();
    prometheus.address = address;
    prometheus.query = query;
    prometheus.timeout = timeout == null ? null : new IntOrString(timeout);
    prometheus.headers = List.of(headers);
    return request("error-rate", provider -> provider.prometheus = prometheus);
  }

  static MeasurementRequest influxdb(InfluxDbMetric influxdb) {
    return request("error-rate", provider -> provider.influxdb = influxdb);
  }

  static MeasurementRequest graphite(GraphiteMetric graphite) {
    return request("error-rate", provider -> provider.graphite = graphite);
  }

  static MeasurementRequest datadog(DatadogMetric datadog) {
    return request("error-rate", provider -> provider.datadog = datadog);
  }

  static MeasurementRequest newRelic(NewRelicMetric newRelic) {
    return request("success-rate", provider -> provider.newRelic = newRelic);
  }

  static MeasurementRequest wavefront(WavefrontMetric wavefront) {
    return request("error-rate", provider -> provider.wavefront = wavefront);
  }

  static MeasurementRequest dynatrace(DynatraceMetric dynatrace) {
    return request("error-rate", provider -> provider.dynatrace = dynatrace);
  }

  static MeasurementRequest splunk(SplunkMetric splunk) {
    return request("error-rate", provider -> provider.splunk = splunk);
  }

  static MeasurementRequest cloudWatch(CloudWatchMetric cloudWatch) {
    return request("error-rate", provider -> provider.cloudWatch = cloudWatch);
  }

  static MeasurementRequest skywalking(SkyWalkingMetric skywalking) {
    return request("apdex", provider -> provider.skywalking = skywalking);
  }

  static MeasurementRequest googleCloudMonitoring(GoogleCloudMonitoringMetric metric) {
    return request("error-rate", provider -> provider.googleCloudMonitoring = metric);
  }

  static MeasurementRequest kayenta(KayentaMetric kayenta) {
    return request("canary-judgement", provider -> provider.kayenta = kayenta);
  }

  /** Secrets of {@link #NAMESPACE} only, as a namespace's Secrets are its own. */
  static Secrets secrets(Map<String, Map<String, String>> byName) {
    return (namespace, name) -> Optional.ofNullable(
        namespace.equals(NAMESPACE) ? byName.get(name) : null);
  }

  static MeasurementRequest web(WebMetric web) {
    return request("error-rate", provider -> provider.web = web);
  }

  static WebMetric get(String url, String jsonPath) {
    WebMetric web = new WebMetric();
    web.url = url;
    web.jsonPath = jsonPath;
    return web;
  }

  /** A compare metric of the canary against the stable revision, without a counter source. */
  static CompareMetric compare(String canaryRevision, String stableRevision) {
    CompareMetric compare = new CompareMetric();
    compare.canaryRevision = canaryRevision;
    compare.stableRevision = stableRevision;
    return compare;
  }

  static MeasurementRequest compare(CompareMetric compare) {
    return request("canary-vs-stable", provider -> provider.compare = compare);
  }

  static MeasurementRequest job(String metricName, JobSpec spec, OwnerReference owner) {
    JobMetric job = new JobMetric();
    job.spec = spec;
    Metric metric = metric(metricName);
    metric.provider.job = job;
    return new MeasurementRequest(NAMESPACE, metric, owner);
  }

  private static Metric metric(String name) {
    Metric metric = new Metric();
    metric.name = name;
    metric.provider = new MetricProvider();
    return metric;
  }
}
