package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Contour: the HTTPProxies whose routes to the stable Service Ramp weighs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContourRouting {
  @Required
  @Size(min = 1)
  @JsonPropertyDescription("HTTPProxies (projectcontour.io/v1): every route with a service to the"
      + " stable Service gets the canary Service next to it, with its weight.")
  public List<String> httpProxies;
}
