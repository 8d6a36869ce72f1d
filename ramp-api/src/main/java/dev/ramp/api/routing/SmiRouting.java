package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SmiRouting {
  @JsonPropertyDescription("The Service clients call, split by the TrafficSplit. Absent: the"
      + " stable Service.")
  public String rootService;

  @JsonPropertyDescription("The TrafficSplit's name. Absent: the rollout's name.")
  public String trafficSplitName;
}
