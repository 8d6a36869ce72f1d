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

  @JsonPropertyDescription("Since when the canary holds for the judge's acceptance (RFC 3339),"
      + " absent when it does not.")
  public String awaitingAcceptanceSince;

  @JsonPropertyDescription("After a full promotion with Ramp's judge: the revision it replaced."
      + " While that revision's ReplicaSet is up, a failed verdict sends traffic and replicas back"
      + " to it.")
  public String rollbackRevision;

  @JsonPropertyDescription("With a baseline, while it runs: the revision (pod-template-hash) of"
      + " the baseline's pods, for an analysis to compare the canary with.")
  public String baselineRevision;

  public String currentStepAnalysisRun;
  public String backgroundAnalysisRun;
}
