package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStatus {
  @JsonPropertyDescription(
      "Share of traffic (percent) the canary receives now. It only rises once canary pods are"
          + " available to serve it.")
  public Integer weight;

  public String currentStepAnalysisRun;
  public String backgroundAnalysisRun;
}
