package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayApiRouting {
  @Required
  @JsonPropertyDescription("The HTTPRoute whose stable and canary backendRefs Ramp weighs.")
  public String httpRoute;

  @JsonPropertyDescription("Its namespace, when not the rollout's.")
  public String namespace;

  @JsonPropertyDescription("Names of the rules to weigh; all rules when absent.")
  public List<String> rules;
}
