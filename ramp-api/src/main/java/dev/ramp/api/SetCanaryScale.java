package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Canary size as a replica count, a percentage of replicas, or following the traffic weight. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "[has(self.replicas), has(self.weight), has(self.matchTrafficWeight)]"
        + ".filter(x, x).size() == 1",
    message = "setCanaryScale must set exactly one of replicas, weight, matchTrafficWeight")
public class SetCanaryScale {
  @Min(0)
  public Integer replicas;

  @Min(0)
  @Max(100)
  public Integer weight;

  public Boolean matchTrafficWeight;

  public static SetCanaryScale replicas(int replicas) {
    SetCanaryScale scale = new SetCanaryScale();
    scale.replicas = replicas;
    return scale;
  }

  public static SetCanaryScale weight(int weight) {
    SetCanaryScale scale = new SetCanaryScale();
    scale.weight = weight;
    return scale;
  }

  public static SetCanaryScale matchTrafficWeight() {
    SetCanaryScale scale = new SetCanaryScale();
    scale.matchTrafficWeight = true;
    return scale;
  }
}
