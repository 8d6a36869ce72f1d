package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStrategy {
  @Required public CanaryStrategy canary;
}
