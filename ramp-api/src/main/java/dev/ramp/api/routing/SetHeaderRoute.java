package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Send requests with matching headers to the canary, whatever the weight. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SetHeaderRoute {
  @Required public String name;

  @JsonPropertyDescription("All must match. Absent or empty: remove the route of this name.")
  public List<HeaderMatch> match;
}
