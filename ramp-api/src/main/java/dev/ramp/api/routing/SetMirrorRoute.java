package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Copy a share of requests to the canary; its answers are thrown away. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SetMirrorRoute {
  @Required public String name;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Percentage of requests mirrored. Absent: remove the route.")
  public Integer percentage;

  @JsonPropertyDescription("Only requests matching one of these (as Argo Rollouts: each a method,"
      + " a path and headers, all of which must match); every request when absent.")
  public List<RouteMatch> match;
}
