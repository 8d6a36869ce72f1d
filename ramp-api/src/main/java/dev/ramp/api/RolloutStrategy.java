package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** How a new revision reaches users: exactly one strategy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.canary) != has(self.blueGreen)",
    message = "strategy must set exactly one of canary, blueGreen")
public class RolloutStrategy {
  @JsonPropertyDescription("Give the new revision a growing share of traffic, step by step.")
  public CanaryStrategy canary;

  @JsonPropertyDescription("Start the new revision in full next to the old one, check it on a"
      + " preview Service, then switch the active Service over at once.")
  public BlueGreenStrategy blueGreen;
}
