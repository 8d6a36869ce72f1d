package dev.ramp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an AWS ALB Ingress' action annotation tells the load balancer, as the tests read it. */
public final class AlbActionWeights {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlbActionWeights() {}

  /** The weight the action gives each Service, by name; none when there is no action. */
  public static Map<String, Integer> of(String action) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    if (action == null) {
      return weights;
    }
    try {
      for (JsonNode group : JSON.readTree(action).path("ForwardConfig").path("TargetGroups")) {
        weights.put(group.path("ServiceName").asText(), group.path("Weight").asInt());
      }
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + action, e);
    }
    return weights;
  }
}
