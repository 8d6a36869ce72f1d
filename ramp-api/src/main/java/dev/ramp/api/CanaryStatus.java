package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStatus {
  @JsonPropertyDescription(
      "Share of traffic (percent) the canary receives now. It only rises once canary pods are"
          + " available to serve it.")
  public Integer weight;

  @JsonPropertyDescription(
      "With pingPong: which of the two Services is the stable one now, ping or pong (as in Argo"
          + " Rollouts). Absent means ping.")
  public String stablePingPong;

  public String currentStepAnalysisRun;
  public String backgroundAnalysisRun;
}
