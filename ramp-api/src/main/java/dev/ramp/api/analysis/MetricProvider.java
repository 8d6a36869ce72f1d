package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a metric's value comes from: exactly one provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.prometheus), has(self.web), has(self.job),"
    + " has(self.compare), has(self.influxdb), has(self.graphite), has(self.datadog),"
    + " has(self.newRelic), has(self.cloudWatch), has(self.wavefront), has(self.dynatrace),"
    + " has(self.splunk), has(self.skywalking), has(self.googleCloudMonitoring),"
    + " has(self.kayenta)].filter(x, x).size() == 1",
    message = "a metric's provider must set exactly one of prometheus, web, job, compare,"
        + " influxdb, graphite, datadog, newRelic, cloudWatch, wavefront, dynatrace, splunk,"
        + " skywalking, googleCloudMonitoring, kayenta")
public class MetricProvider {
  public PrometheusMetric prometheus;
  public WebMetric web;
  public JobMetric job;

  @JsonPropertyDescription("Ramp's sequential judge: canary against stable on the same counter.")
  public CompareMetric compare;

  @JsonPropertyDescription("An InfluxDB query (Flux or InfluxQL), as Argo Rollouts' influxdb.")
  public InfluxDbMetric influxdb;

  @JsonPropertyDescription("A Graphite render query, as Argo Rollouts' graphite.")
  public GraphiteMetric graphite;

  @JsonPropertyDescription("A Datadog query (v1, or v2 with formulas), as Argo Rollouts'"
      + " datadog.")
  public DatadogMetric datadog;

  @JsonPropertyDescription("A New Relic NRQL query, as Argo Rollouts' newRelic.")
  public NewRelicMetric newRelic;

  @JsonPropertyDescription("An Amazon CloudWatch GetMetricData query, as Argo Rollouts'"
      + " cloudWatch.")
  public CloudWatchMetric cloudWatch;

  @JsonPropertyDescription("A Wavefront query, as Argo Rollouts' wavefront.")
  public WavefrontMetric wavefront;

  @JsonPropertyDescription("A Dynatrace metric selector, as Flagger's dynatrace template.")
  public DynatraceMetric dynatrace;

  @JsonPropertyDescription("A Splunk Observability (SignalFx) SignalFlow program, as Flagger's"
      + " splunk template.")
  public SplunkMetric splunk;

  @JsonPropertyDescription("An Apache SkyWalking GraphQL query, as Argo Rollouts' skywalking.")
  public SkyWalkingMetric skywalking;

  @JsonPropertyDescription("A PromQL query to Google Cloud Monitoring, with the controller's"
      + " Application Default Credentials.")
  public GoogleCloudMonitoringMetric googleCloudMonitoring;

  @JsonPropertyDescription("A canary judgement by a Kayenta server, as Argo Rollouts' kayenta.")
  public KayentaMetric kayenta;
}
