package dev.ramp.controller.resilience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the AWS Load Balancer Controller would forward, read from an Ingress' annotations
 * {@code alb.ingress.kubernetes.io/actions.<name>}: each action's weight by Service.
 */
final class AlbActions {
  private static final String PREFIX = "alb.ingress.kubernetes.io/actions.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlbActions() {}

  /** The weights of each action's target groups by Service, actions and Services by name. */
  static Map<String, Map<String, Integer>> weights(Ingress ingress) {
    Map<String, Map<String, Integer>> actions = new TreeMap<>();
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    if (annotations == null) {
      return actions;
    }
    annotations.forEach((key, value) -> {
      if (key.startsWith(PREFIX)) {
        Map<String, Integer> weights = new TreeMap<>();
        for (JsonNode group : parse(value).path("ForwardConfig").path("TargetGroups")) {
          weights.put(group.path("ServiceName").asText(), group.path("Weight").asInt());
        }
        actions.put(key.substring(PREFIX.length()), weights);
      }
    });
    return actions;
  }

  private static JsonNode parse(String annotation) {
    try {
      return JSON.readTree(annotation);
    } catch (JsonProcessingException e) {
      throw new AssertionError("an action that is not JSON: " + annotation, e);
    }
  }
}
