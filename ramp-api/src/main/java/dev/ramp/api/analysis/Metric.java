package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

/** One thing to measure repeatedly, and how to judge each measurement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Metric {
  @Required public String name;

  @JsonPropertyDescription("Time between measurements (30s, 5m, ...). Absent: measure once.")
  public IntOrString interval;

  @JsonPropertyDescription("Wait this long before the first measurement.")
  public IntOrString initialDelay;

  @Min(0)
  @JsonPropertyDescription("How many measurements to take; defaults to 1 without an interval,"
      + " unlimited (until the rollout moves on) with one.")
  public Integer count;

  @JsonPropertyDescription("CEL over result: the measurement is Successful when true.")
  public String successCondition;

  @JsonPropertyDescription("CEL over result: the measurement is Failed when true.")
  public String failureCondition;

  @Min(0)
  @JsonPropertyDescription("Failed measurements tolerated; one more fails the run. Default 0.")
  public Integer failureLimit;

  @Min(0)
  @JsonPropertyDescription("Inconclusive measurements tolerated. Default 0.")
  public Integer inconclusiveLimit;

  @Min(0)
  @JsonPropertyDescription("Errors in a row tolerated before the run errors. Default 4.")
  public Integer consecutiveErrorLimit;

  @JsonPropertyDescription("Measure and show, never decide.")
  public Boolean dryRun;

  @Min(1)
  @JsonPropertyDescription("Measurements kept in the AnalysisRun's status. Default 10.")
  public Integer measurementRetention;

  @Required public MetricProvider provider;
}
