package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * Zalando's Skipper, as Flagger drives it: a canary Ingress next to the user's, with the
 * {@code zalando.org/backend-weights} of the stable and canary Services.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SkipperRouting {
  @Required
  @JsonPropertyDescription("The Ingress that sends traffic to rootService; Ramp only reads it.")
  public String ingress;

  @JsonPropertyDescription("The Service the Ingress' paths name; stableService when absent.")
  public String rootService;
}
