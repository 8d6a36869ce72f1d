package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.analysis.CompareMetric.CloudWatchCounters;
import dev.ramp.api.analysis.CompareMetric.DatadogCounters;
import dev.ramp.api.analysis.CompareMetric.InfluxDbCounters;
import dev.ramp.api.analysis.CompareMetric.NewRelicCounters;
import dev.ramp.api.analysis.CompareMetric.PrometheusCounters;
import dev.ramp.api.analysis.CompareMetric.WebCounters;

/**
 * Where a compare metric, or one of its signals, reads the events and requests of each revision:
 * exactly one of these is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class CounterSources {
  @JsonPropertyDescription("Counters from Prometheus.")
  public PrometheusCounters prometheus;

  @JsonPropertyDescription("Counters from an HTTP endpoint answering JSON.")
  public WebCounters web;

  @JsonPropertyDescription("Counters from InfluxDB.")
  public InfluxDbCounters influxdb;

  @JsonPropertyDescription("Counters from Graphite.")
  public GraphiteCounters graphite;

  @JsonPropertyDescription("Counters from Datadog.")
  public DatadogCounters datadog;

  @JsonPropertyDescription("Counters from New Relic.")
  public NewRelicCounters newRelic;

  @JsonPropertyDescription("Counters from Amazon CloudWatch.")
  public CloudWatchCounters cloudWatch;
}
