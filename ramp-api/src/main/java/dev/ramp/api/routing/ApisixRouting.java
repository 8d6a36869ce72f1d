package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The Apache APISIX ApisixRoute whose stable and canary backends Ramp weighs (as Argo's). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApisixRouting {
  @Required
  @JsonPropertyDescription("The ApisixRoute (apisix.apache.org/v2), in the rollout's namespace.")
  public Route route;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Route {
    @Required public String name;

    @JsonPropertyDescription("Names of the spec.http rules to weigh; absent: every rule with a"
        + " backend to the stable Service.")
    public List<String> rules;
  }
}
