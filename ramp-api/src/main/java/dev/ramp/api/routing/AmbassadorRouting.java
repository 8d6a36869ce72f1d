package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Emissary-ingress / Ambassador: a weighted canary Mapping next to each stable Mapping. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AmbassadorRouting {
  @Required
  @Size(min = 1)
  @JsonPropertyDescription("Mappings (getambassador.io/v3alpha1) to the stable Service:"
      + " Ramp creates <mapping>-canary to the canary Service with the canary's weight, and"
      + " deletes it when the weight is back to 0.")
  public List<String> mappings;
}
