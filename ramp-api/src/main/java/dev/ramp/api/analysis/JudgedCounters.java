package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One signal's counters as last read, and what the judge has taken in of it so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JudgedCounters {
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

  @JsonPropertyDescription("Log-likelihood ratio of each rate ratio of the judge's grid.")
  public List<Double> logLikelihoodRatios;
}
