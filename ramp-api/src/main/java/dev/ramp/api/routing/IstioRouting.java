package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IstioRouting {
  @Required public VirtualServiceRef virtualService;

  @JsonPropertyDescription("With it, traffic is split between subsets of the Service (Ramp"
      + " pins the subsets to the revisions); without, between the stable and canary Services.")
  public DestinationRuleRef destinationRule;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class VirtualServiceRef {
    @Required public String name;

    @JsonPropertyDescription("Names of the HTTP routes to weigh; all when absent.")
    public List<String> routes;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DestinationRuleRef {
    @Required public String name;
    @Required public String stableSubsetName;
    @Required public String canarySubsetName;
  }
}
