package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP rules of an Apache APISIX ApisixRoute: {@code spec.http}, each with {@code backends}
 * ({@code serviceName}, {@code weight}, 100 when absent as APISIX reads it). A header route is,
 * as Argo Rollouts makes it, a copy of the weighed rule that sends only to the canary, matches
 * the headers with {@code match.exprs} and has a higher {@code priority}. APISIX has no mirror
 * of a backend (see {@link RouterCapabilities#APISIX}).
 */
record ApisixRoutes(String routeName, String stableService, String canaryService,
    List<String> listedRules) implements RouteTable {
  /** APISIX's weight of a backend that gives none. */
  private static final int DEFAULT_WEIGHT = 100;
  private static final String REGEX_SPECIALS = "\\.^$|?*+()[]{}";

  @Override
  public RouterCapabilities capabilities() {
    return RouterCapabilities.APISIX;
  }

  @Override
  public String requestRules() {
    return "http";
  }

  @Override
  public List<ObjectNode> weighed(ObjectNode route, Set<String> managed) {
    return listedOrManagedToStable(route, listedRules, managed, "ApisixRoute \"" + routeName
        + "\" has no http rule" + (listedRules == null ? "" : " named " + listedRules)
        + " with a backend to the stable Service \"" + stableService + "\"");
  }

  @Override
  public String backends() {
    return "backends";
  }

  @Override
  public boolean leadsTo(JsonNode backend, boolean stable) {
    return (stable ? stableService : canaryService).equals(backend.path("serviceName")
        .asText(null));
  }

  @Override
  public int weightOf(JsonNode backend) {
    return backend.path("weight").asInt(DEFAULT_WEIGHT);
  }

  /** The stable backend's port and settings; its ApisixUpstream subset is the stable one's. */
  @Override
  public ObjectNode canaryLike(ObjectNode stableBackend) {
    ObjectNode canary = stableBackend.deepCopy();
    canary.put("serviceName", canaryService);
    canary.remove("subset");
    return canary;
  }

  @Override
  public ObjectNode matching(String name, List<HeaderMatch> match) {
    ObjectNode rule = RouterObjects.object();
    rule.put("name", name);
    ArrayNode exprs = rule.putObject("match").putArray("exprs");
    for (HeaderMatch header : match) {
      ObjectNode expr = exprs.addObject();
      expr.putObject("subject").put("scope", "Header").put("name", header.headerName);
      StringMatch value = header.headerValue;
      expr.put("op", value.exact != null ? "Equal" : "RegexMatch");
      expr.put("value", value.exact != null ? value.exact
          : value.regex != null ? value.regex : "^" + quoted(value.prefix));
    }
    return rule;
  }

  /**
   * The weighed rule's paths, hosts, methods, expressions and plugins (APISIX needs paths to
   * match at all), with a priority above it so that APISIX tries the added rule first; not its
   * upstreams, which would take requests from the canary.
   */
  @Override
  public void inherit(ObjectNode added, ObjectNode weighed) {
    ObjectNode match = JsonFields.object(added, "match", JsonFields.named(added));
    if (weighed.get("match") instanceof ObjectNode weighedMatch) {
      for (Map.Entry<String, JsonNode> field : weighedMatch.properties()) {
        if (!field.getKey().equals("exprs")) {
          match.set(field.getKey(), field.getValue().deepCopy());
        }
      }
      ArrayNode exprs = JsonFields.list(match, "exprs", JsonFields.named(added));
      JsonFields.objects(weighedMatch, "exprs").forEach(expr -> exprs.add(expr.deepCopy()));
    }
    for (Map.Entry<String, JsonNode> field : weighed.properties()) {
      if (!added.has(field.getKey()) && !field.getKey().equals("upstreams")) {
        added.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    added.put("priority", weighed.path("priority").asInt(0) + 1);
  }

  @Override
  public MirrorField addMirror(ObjectNode rule, ObjectNode canary, int percent) {
    throw new RouterProblem(capabilities().mirrorRouteRefusal());
  }

  @Override
  public void removeMirror(ObjectNode rule, MirrorField field) {
    // Ramp never adds one
  }

  /** A header value as a regular expression matching it literally. */
  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (REGEX_SPECIALS.indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.toString();
  }
}
