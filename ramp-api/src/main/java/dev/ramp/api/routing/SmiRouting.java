package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SmiRouting {
  @Required public String rootService;
  @Required public String trafficSplitName;
}
