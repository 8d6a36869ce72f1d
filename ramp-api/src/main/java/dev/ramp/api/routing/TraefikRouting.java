package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Traefik: the weighted TraefikService whose stable and canary services Ramp weighs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TraefikRouting {
  @Required
  @JsonPropertyDescription("A TraefikService (traefik.io/v1alpha1) with spec.weighted.services"
      + " sending to the stable Service; Ramp adds the canary Service when it is not listed.")
  public String weightedTraefikServiceName;
}
