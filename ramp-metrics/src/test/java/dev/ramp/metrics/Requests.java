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

/** Measurement requests as the engine makes them, for the providers' tests. */
final class Requests {
  static final String NAMESPACE = "default";

  private Requests() {}

  static MeasurementRequest prometheus(String address, String query, String timeout,
      Header... headers) {
    PrometheusMetric prometheus = new PrometheusMetric();
    prometheus.address = address;
    prometheus.query = query;
    prometheus.timeout = timeout == null ? null : new IntOrString(timeout);
    prometheus.headers = List.of(headers);
    Metric metric = metric("error-rate");
    metric.provider.prometheus = prometheus;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest influxdb(InfluxDbMetric influxdb) {
    Metric metric = metric("error-rate");
    metric.provider.influxdb = influxdb;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest graphite(GraphiteMetric graphite) {
    Metric metric = metric("error-rate");
    metric.provider.graphite = graphite;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest datadog(DatadogMetric datadog) {
    Metric metric = metric("error-rate");
    metric.provider.datadog = datadog;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest newRelic(NewRelicMetric newRelic) {
    Metric metric = metric("success-rate");
    metric.provider.newRelic = newRelic;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest wavefront(WavefrontMetric wavefront) {
    Metric metric = metric("error-rate");
    metric.provider.wavefront = wavefront;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest dynatrace(DynatraceMetric dynatrace) {
    Metric metric = metric("error-rate");
    metric.provider.dynatrace = dynatrace;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest splunk(SplunkMetric splunk) {
    Metric metric = metric("error-rate");
    metric.provider.splunk = splunk;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest cloudWatch(CloudWatchMetric cloudWatch) {
    Metric metric = metric("error-rate");
    metric.provider.cloudWatch = cloudWatch;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest skywalking(SkyWalkingMetric skywalking) {
    Metric metric = metric("apdex");
    metric.provider.skywalking = skywalking;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  static MeasurementRequest googleCloudMonitoring(GoogleCloudMonitoringMetric metric) {
    Metric request = metric("error-rate");
    request.provider.googleCloudMonitoring = metric;
    return new MeasurementRequest(NAMESPACE, request, null);
  }

  static MeasurementRequest kayenta(KayentaMetric kayenta) {
    Metric metric = metric("canary-judgement");
    metric.provider.kayenta = kayenta;
    return new MeasurementRequest(NAMESPACE, metric, null);
  }

  /** Secrets of {@link #NAMESPACE} only, as a namespace's Secrets are its own. */
  static Secrets secrets(Map<String, Map<String, String>> byName) {
    return (namespace, name) -> Optional.ofNullable(
        namespace.equals(NAMESPACE) ? byName.get(name) : null);
  }

  static MeasurementRequest web(WebMetric web) {
    Metric metric = metric("error-rate");
    metric.provider.web = web;
    return new MeasurementRequest(NAMESPACE, metric, null);
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
    Metric metric = metric("canary-vs-stable");
    metric.provider.compare = compare;
    return new MeasurementRequest(NAMESPACE, metric, null);
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
    metric.provider = new dev.ramp.api.analysis.MetricProvider();
    return metric;
  }
}
