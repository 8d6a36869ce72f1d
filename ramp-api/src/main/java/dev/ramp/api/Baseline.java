package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A fresh baseline: pods of the stable version started at the same time as the canary, so a
 * judge compares the canary with pods as new as its own rather than with warm old ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.replicas) != (has(self.matchCanary) && self.matchCanary)",
    message = "baseline must set exactly one of replicas and matchCanary: true")
public class Baseline {
  @Min(1)
  @JsonPropertyDescription("Baseline pods to run while the canary runs.")
  public Integer replicas;

  @JsonPropertyDescription("Run as many baseline pods as the canary has at each step.")
  public Boolean matchCanary;
}
