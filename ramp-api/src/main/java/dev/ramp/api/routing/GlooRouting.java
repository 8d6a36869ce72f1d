package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * The Gloo Edge RouteTable whose destinations to the stable and canary Services Ramp weighs, as
 * Flagger drives Gloo Edge (Argo Rollouts has no Gloo Edge router).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GlooRouting {
  @Required
  @JsonPropertyDescription("The RouteTable (gateway.solo.io/v1).")
  public String routeTable;

  @JsonPropertyDescription("Its namespace, when not the rollout's.")
  public String namespace;

  @JsonPropertyDescription("Names of the routes to weigh; absent: every route with a destination"
      + " to the stable Service.")
  public List<String> routes;
}
