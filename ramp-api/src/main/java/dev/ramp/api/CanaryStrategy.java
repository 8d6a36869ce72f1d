package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.gates.Gate;
import dev.ramp.api.gates.Hooks;
import dev.ramp.api.routing.SessionAffinity;
import dev.ramp.api.routing.TrafficRouting;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.stableService) || !has(self.canaryService)"
        + " || self.stableService != self.canaryService",
    message = "stableService and canaryService must be different Services")
@ValidationRule(
    value = "!has(self.steps) || self.steps.all(s, !has(s.setWeight) || s.setWeight <="
        + " (has(self.trafficRouting) && has(self.trafficRouting.maxTrafficWeight)"
        + " ? self.trafficRouting.maxTrafficWeight : 100))",
    message = "setWeight must be at most 100, or trafficRouting.maxTrafficWeight when set")
public class CanaryStrategy {
  @JsonPropertyDescription("Service whose selector Ramp pins to the stable revision.")
  public String stableService;

  @JsonPropertyDescription("Service whose selector Ramp pins to the canary revision.")
  public String canaryService;

  @JsonPropertyDescription("Argo Rollouts' ping-pong Services, instead of stableService and"
      + " canaryService: two Services that take turns as the stable one. At the promotion the"
      + " canary's Service gets all the traffic and becomes the stable one, so the Service"
      + " serving users never changes its selector. With the AWS ALB router only.")
  public PingPong pingPong;

  @JsonPropertyDescription("A fresh baseline: a ReplicaSet of the stable pod template started"
      + " with the canary and removed with it, for an analysis to compare the canary with pods"
      + " as new as its own (pass status.canary.baselineRevision as the stable revision).")
  public Baseline baseline;

  @JsonPropertyDescription("Service whose selector Ramp pins to the baseline's pods; a traffic"
      + " router gives it the canary's share of requests (Gateway API). Required with a baseline"
      + " and a traffic router.")
  public String baselineService;

  @JsonPropertyDescription(
      "Pods above replicas allowed while pods are replaced. Without a traffic router it bounds"
          + " all the rollout's pods; with one, only pods beyond those the steps ask for. Number or"
          + " percentage; defaults to 25%.")
  public IntOrString maxSurge;

  @JsonPropertyDescription(
      "Pods below replicas allowed while pods are replaced. Number or percentage; defaults to"
          + " 25%.")
  public IntOrString maxUnavailable;

  @Min(0)
  @JsonPropertyDescription(
      "Seconds the previous stable ReplicaSet keeps running after promotion, once a traffic"
          + " router moved its traffic away. Defaults to 30. Without a router its pods are replaced"
          + " as the canary grows.")
  public Integer scaleDownDelaySeconds;

  @Min(0)
  @JsonPropertyDescription(
      "Seconds an aborted or replaced canary keeps running once a traffic router moved its"
          + " traffic away. Defaults to 30. Without a router its pods go as the stable's come"
          + " back, within maxSurge and maxUnavailable.")
  public Integer abortScaleDownDelaySeconds;

  @JsonPropertyDescription(
      "With a traffic router, scale the stable ReplicaSet down as the canary grows, instead of"
          + " keeping it at full size. Without a router the stable always gives up the canary's"
          + " share of the pods.")
  public Boolean dynamicStableScale;

  @Size(max = 100)
  public List<CanaryStep> steps;

  @JsonPropertyDescription("Set the canary's share of requests with a mesh or an ingress;"
      + " without it, the share follows the pods.")
  public TrafficRouting trafficRouting;

  @JsonPropertyDescription("Keep a user the canary served on the canary, with a cookie, until"
      + " the rollout is promoted or aborted (needs a router that matches cookies).")
  public SessionAffinity sessionAffinity;

  @JsonPropertyDescription("Analysis that runs in the background from startingStep until the"
      + " rollout completes; it aborts the rollout when it fails.")
  public RolloutAnalysis analysis;

  @JsonPropertyDescription("Outside systems that must say yes at fixed points of a release.")
  public List<Gate> gates;

  @JsonPropertyDescription("Calls before and after a release, and a URL that can abort it.")
  public Hooks hooks;

  /** The total weights count in: trafficRouting.maxTrafficWeight, else 100. */
  @JsonIgnore
  public int weightTotal() {
    return trafficRouting != null && trafficRouting.maxTrafficWeight != null
        ? trafficRouting.maxTrafficWeight : 100;
  }
}
