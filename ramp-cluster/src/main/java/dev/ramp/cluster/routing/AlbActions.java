package dev.ramp.cluster.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.HeaderMatch;
import java.util.List;

/**
 * The JSON the AWS Load Balancer Controller reads from an Ingress' {@code actions.<name>} and
 * {@code conditions.<name>} annotations, as Argo Rollouts writes it: a forward action over
 * target groups named by Service and port, and http-header conditions.
 */
final class AlbActions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlbActions() {}

  /** Forwards {@code weight} percent to the canary Service and the rest to the stable one. */
  static ObjectNode weighted(AlbRouting alb, String stableService, String canaryService,
      int weight) {
    ObjectNode action = forward(alb, canaryService, weight);
    ArrayNode groups = (ArrayNode) action.path("ForwardConfig").path("TargetGroups");
    groups.add(targetGroup(alb, stableService, 100 - weight));
    if (alb.stickinessConfig != null && Boolean.TRUE.equals(alb.stickinessConfig.enabled)) {
      ObjectNode stickiness = ((ObjectNode) action.get("ForwardConfig"))
          .putObject("TargetGroupStickinessConfig").put("Enabled", true);
      if (alb.stickinessConfig.durationSeconds != null) {
        stickiness.put("DurationSeconds", alb.stickinessConfig.durationSeconds);
      }
    }
    return action;
  }

  /** Forwards everything to one Service: a header route's action. */
  static ObjectNode forward(AlbRouting alb, String service, int weight) {
    ObjectNode action = JSON.createObjectNode().put("Type", "forward");
    action.putObject("ForwardConfig").putArray("TargetGroups")
        .add(targetGroup(alb, service, weight));
    return action;
  }

  private static ObjectNode targetGroup(AlbRouting alb, String service, int weight) {
    return JSON.createObjectNode().put("ServiceName", service)
        .put("ServicePort", Integer.toString(alb.servicePort)).put("Weight", weight);
  }

  /** The http-header conditions of a header route: all must match (exact, or a prefix). */
  static ArrayNode headerConditions(List<HeaderMatch> match) {
    ArrayNode conditions = JSON.createArrayNode();
    for (HeaderMatch header : match) {
      if (header.headerValue.regex != null) {
        throw new RouterProblem("AWS ALB cannot match a header by regex (use exact or prefix)");
      }
      String value = header.headerValue.exact != null ? header.headerValue.exact
          : header.headerValue.prefix + "*";
      conditions.addObject().put("Field", "http-header").putObject("HttpHeaderConfig")
          .put("HttpHeaderName", header.headerName).putArray("Values").add(value);
    }
    return conditions;
  }

  /**
   * The canary's share, in percent, of what an action annotation forwards, or 100 when it is
   * absent or not a forward action Ramp can read: an action Ramp cannot read may send anything
   * to the canary, so Ramp writes it again whatever weight it wants (except 100).
   */
  static int canaryShare(String annotation, String canaryService) {
    JsonNode action = parse(annotation);
    if (action == null) {
      return 100;
    }
    long total = 0;
    long canary = 0;
    for (JsonNode group : action.path("ForwardConfig").path("TargetGroups")) {
      long weight = group.path("Weight").asLong(0);
      total += weight;
      if (canaryService.equals(group.path("ServiceName").asText())) {
        canary += weight;
      }
    }
    return total <= 0 ? 100 : (int) Math.round(canary * 100.0 / total);
  }

  /** True when the annotation holds this JSON (as any spacing or key order writes it). */
  static boolean says(String annotation, JsonNode json) {
    return json.equals(parse(annotation));
  }

  private static JsonNode parse(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(annotation);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
