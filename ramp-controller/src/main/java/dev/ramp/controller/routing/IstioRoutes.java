package dev.ramp.controller.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.IstioRouting.TcpRoute;
import dev.ramp.api.routing.IstioRouting.TlsRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The routes of a VirtualService that Ramp weighs: HTTP routes by name, TCP routes by port and
 * TLS routes by port and SNI hosts, each with a destination to the stable Service or subset.
 */
final class IstioRoutes {
  private IstioRoutes() {}

  /** Every route Ramp weighs, HTTP first. */
  static List<JsonNode> weighted(Rollout rollout, ObjectNode service) {
    IstioRouting.VirtualServiceRef ref = IstioRouter.routing(rollout).virtualService;
    List<JsonNode> routes = new ArrayList<>();
    if (ref.weighsHttpRoutes()) {
      routes.addAll(http(rollout, service));
    }
    routes.addAll(chosen(rollout, service, "tcp", ref.tcpRoutes));
    routes.addAll(chosen(rollout, service, "tls", ref.tlsRoutes));
    return routes;
  }

  /**
   * The HTTP routes Ramp weighs: those with a stable destination, among the routes listed (all
   * when none are) and the mirror routes Ramp added.
   */
  static List<JsonNode> http(Rollout rollout, ObjectNode service) {
    IstioRouting.VirtualServiceRef ref = IstioRouter.routing(rollout).virtualService;
    List<JsonNode> routes = RouterObjects.weighed(service, service.path("spec").path("http"),
        ref.routes, route -> !destination(rollout, route, true).isMissingNode());
    if (routes.isEmpty()) {
      throw new RouterProblem(missing(rollout, "HTTP route to the stable " + stable(rollout)));
    }
    return routes;
  }

  /**
   * The routes of {@code section} ({@code tcp} or {@code tls}) that each selector chooses; a
   * selector that chooses none with a stable destination is a problem naming it.
   */
  private static List<JsonNode> chosen(Rollout rollout, ObjectNode service, String section,
      List<? extends TcpRoute> selectors) {
    List<JsonNode> routes = new ArrayList<>();
    for (TcpRoute selector : selectors == null ? List.<TcpRoute>of() : selectors) {
      String what = section.toUpperCase(Locale.ROOT) + " route" + describe(selector);
      boolean any = false;
      boolean toStable = false;
      for (JsonNode route : service.path("spec").path(section)) {
        if (chooses(selector, route)) {
          any = true;
          if (!destination(rollout, route, true).isMissingNode()) {
            toStable = true;
            if (routes.stream().noneMatch(r -> r == route)) {
              routes.add(route);
            }
          }
        }
      }
      if (!any) {
        throw new RouterProblem(missing(rollout, what));
      }
      if (!toStable) {
        throw new RouterProblem(missing(rollout, what + " to the stable " + stable(rollout)));
      }
    }
    return routes;
  }

  /** Whether one of the route's {@code match} entries has the selector's port and SNI hosts. */
  private static boolean chooses(TcpRoute selector, JsonNode route) {
    List<String> sniHosts = sniHosts(selector);
    if (selector.port == null && sniHosts.isEmpty()) {
      return true;
    }
    for (JsonNode match : route.path("match")) {
      List<String> hosts = new ArrayList<>();
      match.path("sniHosts").forEach(host -> hosts.add(host.asText()));
      if ((selector.port == null || match.path("port").asInt() == selector.port)
          && hosts.containsAll(sniHosts)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> sniHosts(TcpRoute selector) {
    return selector instanceof TlsRoute tls && tls.sniHosts != null ? tls.sniHosts : List.of();
  }

  /** " for port 443 and SNI hosts [a.example.com]", or less when the selector says less. */
  private static String describe(TcpRoute selector) {
    List<String> parts = new ArrayList<>();
    if (selector.port != null) {
      parts.add("port " + selector.port);
    }
    if (!sniHosts(selector).isEmpty()) {
      parts.add("SNI hosts " + sniHosts(selector));
    }
    return parts.isEmpty() ? "" : " for " + String.join(" and ", parts);
  }

  private static String missing(Rollout rollout, String what) {
    return "VirtualService \"" + IstioRouter.routing(rollout).virtualService.name
        + "\" has no " + what;
  }

  /** The stable Service or subset, as a message names it. */
  private static String stable(Rollout rollout) {
    IstioRouting routing = IstioRouter.routing(rollout);
    return routing.destinationRule != null
        ? "subset \"" + routing.destinationRule.stableSubsetName + "\""
        : "Service \"" + rollout.getSpec().strategy.canary.stableService + "\"";
  }

  /** The route's destination to the stable (or canary) Service or subset, if it has one. */
  static JsonNode destination(Rollout rollout, JsonNode route, boolean stable) {
    for (JsonNode weighted : route.path("route")) {
      if (is(rollout, weighted.path("destination"), stable)) {
        return weighted;
      }
    }
    return MissingNode.getInstance();
  }

  static boolean is(Rollout rollout, JsonNode destination, boolean stable) {
    IstioRouting routing = IstioRouter.routing(rollout);
    if (routing.destinationRule != null) {
      return destination.path("subset").asText().equals(stable
          ? routing.destinationRule.stableSubsetName : routing.destinationRule.canarySubsetName);
    }
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    String host = destination.path("host").asText();
    String service = stable ? canary.stableService : canary.canaryService;
    return host.equals(service) || host.startsWith(service + ".");
  }
}
