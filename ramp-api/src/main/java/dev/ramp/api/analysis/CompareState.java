package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The running state of a compare metric, kept in the AnalysisRun's status so that a restarted
 * controller continues the test where it was instead of starting over.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompareState {
  @JsonPropertyDescription("The counters as last read, to tell the next reading's increase.")
  public Double canaryEvents;
  public Double canaryRequests;
  public Double stableEvents;
  public Double stableRequests;

  @JsonPropertyDescription("Requests and events the test has taken in since the run started.")
  public Long judgedCanaryRequests;
  public Long judgedCanaryEvents;
  public Long judgedStableRequests;
  public Long judgedStableEvents;

  @JsonPropertyDescription("The canary's share of the requests in the last informative batch.")
  public Double lastCanaryShare;

  @JsonPropertyDescription("The canary weight (percent) the rollout had set at the last reading;"
      + " a new one is read at once when it changes.")
  public Integer canaryWeight;

  @JsonPropertyDescription("Log-likelihood ratio of each rate ratio of the judge's grid.")
  public List<Double> logLikelihoodRatios;
}
