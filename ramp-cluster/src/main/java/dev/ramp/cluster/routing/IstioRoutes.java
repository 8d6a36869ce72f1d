package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.IstioRouting.TcpRoute;
import dev.ramp.api.routing.IstioRouting.TlsRoute;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The routes of an Istio VirtualService, chosen as Argo Rollouts chooses them: HTTP routes by
 * name ({@code routes}), TCP routes by port ({@code tcpRoutes}) and TLS routes by port and SNI
 * hosts ({@code tlsRoutes}), and a section the VirtualService does not have is no problem. A
 * section without selectors has every route to the stable Service or subset weighed (Argo
 * weighs its first route and wants it to be the only one). Header routes are HTTP routes with
 * {@code match[].headers}; a mirror is {@code mirror} and {@code mirrorPercentage} on an HTTP
 * route.
 */
record IstioRoutes(IstioRouting routing, IstioRouting.VirtualServiceRef virtualService,
    RouterCapabilities capabilities, String stableService, String canaryService)
    implements RouteTable {
  private static final String MIRROR = "mirror";
  private static final String MIRROR_PERCENTAGE = "mirrorPercentage";
  private static final String HEADERS = "headers";
  private static final String RESPONSE = "response";
  private static final String ADD = "add";

  @Override
  public String requestRules() {
    return "http";
  }

  @Override
  public List<ObjectNode> weighed(ObjectNode service, Set<String> managed) {
    IstioRouting.VirtualServiceRef ref = virtualService;
    List<ObjectNode> routes = new ArrayList<>();
    if (ref.weighsHttpRoutes()) {
      routes.addAll(http(service, managed));
    }
    routes.addAll(chosen(service, "tcp", ref.tcpRoutes));
    routes.addAll(chosen(service, "tls", ref.tlsRoutes));
    if (routes.isEmpty()) {
      List<String> sections = new ArrayList<>();
      for (String section : List.of("http", "tcp", "tls")) {
        if (!JsonFields.objects(service.path("spec"), section).isEmpty()) {
          sections.add(section.toUpperCase(Locale.ROOT));
        }
      }
      throw new RouterProblem(missing((sections.isEmpty() ? "HTTP, TCP or TLS"
          : String.join(" or ", sections)) + " route to the stable " + stable()));
    }
    return routes;
  }

  @Override
  public List<ObjectNode> weighedRequestRules(ObjectNode service, Set<String> managed) {
    List<ObjectNode> routes = http(service, managed);
    if (routes.isEmpty()) {
      throw new RouterProblem(missing("HTTP route to the stable " + stable()
          + " (header and mirror routes are HTTP routes)"));
    }
    return routes;
  }

  /**
   * The HTTP routes Ramp weighs: those to the stable version, among the routes listed (all when
   * none are) and the routes Ramp added. Routes listed that a VirtualService with HTTP routes
   * does not have are a problem; a VirtualService with no HTTP route at all has none to weigh.
   */
  private List<ObjectNode> http(ObjectNode service, Set<String> managed) {
    List<ObjectNode> all = JsonFields.objects(service.path("spec"), "http");
    List<String> listed = virtualService.routes;
    List<ObjectNode> routes = RouteTableEditor.listedOrManaged(all, listed, managed,
        route -> routesTo(route, true));
    boolean users = all.stream()
        .anyMatch(route -> !managed.contains(route.path("name").asText("")));
    boolean anyListed = routes.stream()
        .anyMatch(route -> !managed.contains(route.path("name").asText("")));
    if (listed != null && !listed.isEmpty() && users && !anyListed) {
      throw new RouterProblem(missing("HTTP route to the stable " + stable()
          + " among those named " + listed));
    }
    return routes;
  }

  /**
   * The routes of {@code section} ({@code tcp} or {@code tls}) that the selectors choose (every
   * route to the stable version when there are none); a selector that chooses none with a
   * stable destination is a problem naming it.
   */
  private List<ObjectNode> chosen(ObjectNode service, String section,
      List<? extends TcpRoute> selectors) {
    List<ObjectNode> all = JsonFields.objects(service.path("spec"), section);
    if (selectors == null || selectors.isEmpty()) {
      return all.stream().filter(route -> routesTo(route, true)).toList();
    }
    List<ObjectNode> routes = new ArrayList<>();
    for (TcpRoute selector : selectors) {
      String what = section.toUpperCase(Locale.ROOT) + " route" + describe(selector);
      List<ObjectNode> matching = all.stream().filter(route -> chooses(selector, route)).toList();
      if (matching.isEmpty()) {
        throw new RouterProblem(missing(what));
      }
      List<ObjectNode> toStable = matching.stream().filter(route -> routesTo(route, true))
          .toList();
      if (toStable.isEmpty()) {
        throw new RouterProblem(missing(what + " to the stable " + stable()));
      }
      toStable.stream().filter(route -> routes.stream().noneMatch(r -> r == route))
          .forEach(routes::add);
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

  private String missing(String what) {
    return "VirtualService \"" + virtualService.name + "\" has no " + what;
  }

  /** The stable Service or subset, as a message names it. */
  private String stable() {
    return routing.destinationRule != null
        ? "subset \"" + routing.destinationRule.stableSubsetName + "\""
        : "Service \"" + stableService + "\"";
  }

  /** Whether a route leads to the stable version: one of its destinations does. */
  private boolean routesTo(ObjectNode route, boolean stable) {
    return JsonFields.objects(route, backends()).stream().anyMatch(d -> leadsTo(d, stable));
  }

  @Override
  public String backends() {
    return "route";
  }

  @Override
  public boolean leadsTo(JsonNode weighted, boolean stable) {
    return is(weighted.path("destination"), stable);
  }

  /** Whether a destination is the stable (or canary) Service or subset. */
  private boolean is(JsonNode destination, boolean stable) {
    if (routing.destinationRule != null) {
      return destination.path("subset").asText("").equals(stable
          ? routing.destinationRule.stableSubsetName : routing.destinationRule.canarySubsetName);
    }
    String host = destination.path("host").asText("");
    String service = stable ? stableService : canaryService;
    return host.equals(service) || host.startsWith(service + ".");
  }

  @Override
  public int weightOf(JsonNode weighted) {
    return weighted.path("weight").asInt(0);
  }

  /** The canary's destination: the stable one's, with the canary host or subset. */
  @Override
  public ObjectNode canaryLike(ObjectNode stableWeighted) {
    ObjectNode canary = RouterObjects.object();
    ObjectNode destination = canary.putObject("destination");
    if (stableWeighted.get("destination") instanceof ObjectNode stableDestination) {
      destination.setAll(stableDestination.deepCopy());
    }
    if (routing.destinationRule != null) {
      destination.put("subset", routing.destinationRule.canarySubsetName);
    } else {
      String host = destination.path("host").asText("");
      destination.put("host", canaryService
          + host.substring(Math.min(host.length(), stableService.length())));
    }
    return canary;
  }

  /** An HTTP route with an HTTPMatchRequest per match: Istio's method, uri and headers. */
  @Override
  public ObjectNode matchingAny(String name, List<RouteMatch> matches) {
    ObjectNode route = RouterObjects.object();
    route.put("name", name);
    ArrayNode requests = route.putArray("match");
    for (RouteMatch match : matches) {
      ObjectNode request = requests.addObject();
      if (match.method != null) {
        request.set("method", stringMatch(match.method));
      }
      if (match.path != null) {
        request.set("uri", stringMatch(match.path));
      }
      if (!match.headersOrNone().isEmpty()) {
        ObjectNode headers = request.putObject("headers");
        match.headers.forEach((header, value) -> headers.set(header, stringMatch(value)));
      }
    }
    return route;
  }

  /** Istio's StringMatch has Ramp's field names. */
  private static ObjectNode stringMatch(StringMatch match) {
    ObjectNode value = RouterObjects.object();
    if (match.exact != null) {
      value.put("exact", match.exact);
    } else if (match.prefix != null) {
      value.put("prefix", match.prefix);
    } else {
      value.put("regex", match.regex);
    }
    return value;
  }

  /** Refuses to replace a mirror someone else set: a route has one. */
  @Override
  public MirrorField addMirror(ObjectNode route, ObjectNode canary, int percent) {
    JsonNode existing = route.path(MIRROR);
    if (!existing.isMissingNode() && !existing.isNull() && !is(existing, false)) {
      throw new RouterProblem("VirtualService \"" + virtualService.name
          + "\": HTTP route \"" + route.path("name").asText("") + "\" already mirrors to "
          + existing.path("host").asText("") + "; give the mirror route a match so that it"
          + " has a route of its own");
    }
    route.set(MIRROR, canary.path("destination").deepCopy());
    route.putObject(MIRROR_PERCENTAGE).put("value", (double) percent);
    return MirrorField.REMOVE;
  }

  @Override
  public void removeMirror(ObjectNode route, MirrorField field) {
    if (is(route.path(MIRROR), false)) {
      route.remove(MIRROR);
      route.remove(MIRROR_PERCENTAGE);
    }
  }

  /** A Set-Cookie in the destination's {@code headers.response.add}. */
  @Override
  public void addSetCookie(ObjectNode destination, String value) {
    ObjectNode headers = JsonFields.object(destination, HEADERS, "a route destination");
    ObjectNode response = JsonFields.object(headers, RESPONSE, HEADERS);
    JsonFields.object(response, ADD, HEADERS + "." + RESPONSE).put(SessionCookie.SET_COOKIE, value);
  }

  @Override
  public boolean setsCookie(JsonNode destination, SessionCookie cookie) {
    return cookie.setBy(destination.path(HEADERS).path(RESPONSE).path(ADD)
        .path(SessionCookie.SET_COOKIE).asText(null));
  }

  @Override
  public void removeSetCookie(ObjectNode destination, SessionCookie cookie) {
    if (!setsCookie(destination, cookie)) {
      return;
    }
    ObjectNode headers = (ObjectNode) destination.get(HEADERS);
    ObjectNode response = (ObjectNode) headers.get(RESPONSE);
    ObjectNode added = (ObjectNode) response.get(ADD);
    added.remove(SessionCookie.SET_COOKIE);
    // the fields Ramp added to hold it go when nothing else is in them
    if (added.isEmpty()) {
      response.remove(ADD);
    }
    if (response.isEmpty()) {
      headers.remove(RESPONSE);
    }
    if (headers.isEmpty()) {
      destination.remove(HEADERS);
    }
  }
}
