package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/**
 * An Amazon CloudWatch GetMetricData call over the last {@code interval}, with the fields of
 * Argo Rollouts' {@code cloudWatch} provider: {@code result} is the list of the
 * MetricDataResults of the queries that return data, each a map with {@code Id}, {@code Label},
 * {@code StatusCode}, {@code Timestamps} and {@code Values} (newest first), so Argo's
 * {@code all(result[0].Values, {# <= 0.01})} is {@code result[0].Values.all(v, v <= 0.01)}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudWatchMetric {
  @JsonPropertyDescription("The window measured, ending now: 30s, 5m, 1h (default 5m).")
  public String interval;

  @Required
  @JsonPropertyDescription("GetMetricData's MetricDataQueries: metrics (metricStat) and metric"
      + " math over them (expression).")
  public List<DataQuery> metricDataQueries;

  @JsonPropertyDescription("How long the call may take, the SDK's retries included (default"
      + " 10s). Ramp's own field.")
  public IntOrString timeout;

  /** One of GetMetricData's MetricDataQuery: a metric, or an expression over others. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DataQuery {
    @JsonPropertyDescription("The query's name, which expressions use: a lowercase letter, then"
        + " letters, digits and _.")
    public String id;

    @JsonPropertyDescription("Metric math over the other queries' ids, e.g. errors / requests.")
    public String expression;

    @JsonPropertyDescription("How the result is named.")
    public String label;

    @JsonPropertyDescription("The metric and statistic to read.")
    public MetricStat metricStat;

    @JsonPropertyDescription("An expression's period in seconds.")
    public IntOrString period;

    @JsonPropertyDescription("Whether the result is in result (default true); false for the"
        + " inputs of an expression.")
    public Boolean returnData;
  }

  /** A metric, with the statistic and period to read it at. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MetricStat {
    public StatMetric metric;

    @JsonPropertyDescription("Seconds per data point: 60 or a multiple of 60 (1, 5, 10, 30 for"
        + " high-resolution metrics).")
    public IntOrString period;

    @JsonPropertyDescription("The statistic, e.g. Sum, Average, Maximum, p99.")
    public String stat;

    @JsonPropertyDescription("The unit the values are in, e.g. Count, Milliseconds.")
    public String unit;
  }

  /** A CloudWatch metric: its namespace, name and dimensions. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StatMetric {
    @JsonPropertyDescription("e.g. AWS/ApplicationELB, or an application's own.")
    public String namespace;

    public String metricName;

    public List<Dimension> dimensions;
  }

  /** A name and value that, with the namespace and name, identify a metric. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Dimension {
    public String name;
    public String value;
  }
}
