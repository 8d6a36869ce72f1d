package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.experiment.RolloutExperimentStep;
import dev.ramp.api.gates.Gate;
import dev.ramp.api.routing.SetHeaderRoute;
import dev.ramp.api.routing.SetMirrorRoute;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One step of a canary: exactly one of its fields is set, except that setCanaryScale may go
 * with setWeight, setHeaderRoute or setMirrorRoute, as in Argo Rollouts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.setCanaryScale)"
        + " ? !has(self.pause) && !has(self.analysis) && !has(self.experiment)"
        + " && !has(self.awaitAcceptance) && !has(self.gate)"
        + " && [has(self.setWeight), has(self.setHeaderRoute), has(self.setMirrorRoute)]"
        + ".filter(x, x).size() <= 1"
        + " : [has(self.setWeight), has(self.pause), has(self.analysis), has(self.experiment),"
        + " has(self.awaitAcceptance), has(self.gate), has(self.setHeaderRoute),"
        + " has(self.setMirrorRoute)].filter(x, x).size() == 1",
    message = "each step must set exactly one of setWeight, pause, setCanaryScale, analysis,"
        + " experiment, awaitAcceptance, gate, setHeaderRoute, setMirrorRoute; setCanaryScale may"
        + " also go with"
        + " setWeight, setHeaderRoute or setMirrorRoute")
public class CanaryStep {
  @Min(0)
  @JsonPropertyDescription("The canary's share of traffic: a percentage, or out of"
      + " trafficRouting.maxTrafficWeight when set.")
  public Integer setWeight;

  @JsonPropertyDescription("Wait: for duration, or until promoted when duration is absent.")
  public PauseStep pause;

  @JsonPropertyDescription("Size the canary independently of its traffic weight.")
  public SetCanaryScale setCanaryScale;

  @JsonPropertyDescription("Run an analysis; the step ends when it succeeds.")
  public RolloutAnalysis analysis;

  @JsonPropertyDescription("Hold here, at the weight reached, until the background analysis's"
      + " judge (a compare metric) accepts the canary.")
  public AwaitAcceptanceStep awaitAcceptance;
  @JsonPropertyDescription("Wait here until an outside system says yes: a gate of"
      + " strategy.gates by name, or one written here with its url.")
  public Gate gate;

  @JsonPropertyDescription("Run an Experiment of the stable and canary templates; the step ends"
      + " when it succeeds.")
  public RolloutExperimentStep experiment;

  @JsonPropertyDescription("Route requests with matching headers to the canary (needs a"
      + " traffic router).")
  public SetHeaderRoute setHeaderRoute;

  @JsonPropertyDescription("Mirror a share of requests to the canary (needs a traffic router"
      + " that can).")
  public SetMirrorRoute setMirrorRoute;

  public static CanaryStep weight(int weight) {
    CanaryStep step = new CanaryStep();
    step.setWeight = weight;
    return step;
  }

  public static CanaryStep pause(String duration) {
    CanaryStep step = new CanaryStep();
    step.pause = new PauseStep(duration);
    return step;
  }

  public static CanaryStep analysis(RolloutAnalysis analysis) {
    CanaryStep step = new CanaryStep();
    step.analysis = analysis;
    return step;
  }

  public static CanaryStep awaitAcceptance(String maxWait) {
    CanaryStep step = new CanaryStep();
    step.awaitAcceptance = new AwaitAcceptanceStep(maxWait);
    return step;
  }

  public static CanaryStep gate(Gate gate) {
    CanaryStep step = new CanaryStep();
    step.gate = gate;
    return step;
  }

  public static CanaryStep scale(SetCanaryScale scale) {
    CanaryStep step = new CanaryStep();
    step.setCanaryScale = scale;
    return step;
  }
}
