package dev.ramp.api.routing;

/**
 * What each traffic router can do, declared once: the spec checks refuse a step the router
 * cannot carry out, and the routers refuse to write it.
 */
public enum RouterCapabilities {
  GATEWAY_API("Gateway API", true, true, false, ""),
  // a TCPRoute forwards connections: no headers to match, no requests to mirror
  GATEWAY_API_TCP("Gateway API TCPRoute", false, false, false, ""),
  ISTIO("Istio", true, true, true, ""),
  // header and mirror routes are HTTP routes; this rollout weighs TCP/TLS routes only
  ISTIO_TCP_TLS("Istio (TCP/TLS routes only)", false, false, true,
      ": header and mirror routes are HTTP routes; name the HTTP routes to weigh in"
          + " trafficRouting.istio.virtualService.routes"),
  NGINX("NGINX Ingress", false, true, false, ""),
  SMI("SMI", false, false, false, ""),
  // Traefik matches headers in IngressRoutes and mirrors with a mirroring TraefikService, objects
  // other than the weighted TraefikService Ramp edits
  TRAEFIK("Traefik", false, false, false, ": Ramp sets only the weights of the weighted"
      + " TraefikService"),
  // HTTPProxy routes have no name by which Ramp could find a route it added again; a mirror is
  // a service of the routes Ramp weighs
  CONTOUR("Contour", true, false, false, ": HTTPProxy routes have no names, so Ramp adds"
      + " no routes of its own"),
  // as in Argo Rollouts, Ramp's canary Mapping carries a weight only
  AMBASSADOR("Ambassador", false, false, false, "");

  /** How messages name the router. */
  public final String label;
  public final boolean mirrors;
  public final boolean headerRoutes;
  public final boolean prefixMatches;
  /** What a person can do about a step the router cannot carry out, if anything. */
  public final String hint;

  RouterCapabilities(String label, boolean mirrors, boolean headerRoutes,
      boolean prefixMatches, String hint) {
    this.label = label;
    this.mirrors = mirrors;
    this.headerRoutes = headerRoutes;
    this.prefixMatches = prefixMatches;
    this.hint = hint;
  }

  /** The router's capabilities, or null unless exactly one router is set. */
  public static RouterCapabilities of(TrafficRouting routing) {
    int set = (routing.gatewayAPI != null ? 1 : 0) + (routing.istio != null ? 1 : 0)
        + (routing.nginx != null ? 1 : 0) + (routing.smi != null ? 1 : 0)
        + (routing.traefik != null ? 1 : 0) + (routing.contour != null ? 1 : 0)
        + (routing.ambassador != null ? 1 : 0);
    if (set != 1) {
      return null;
    }
    if (routing.gatewayAPI != null) {
      return routing.gatewayAPI.tcpRoute != null ? GATEWAY_API_TCP : GATEWAY_API;
    }
    if (routing.istio != null) {
      return routing.istio.virtualService != null
          && !routing.istio.virtualService.weighsHttpRoutes() ? ISTIO_TCP_TLS : ISTIO;
    }
    if (routing.traefik != null) {
      return TRAEFIK;
    }
    if (routing.contour != null) {
      return CONTOUR;
    }
    if (routing.ambassador != null) {
      return AMBASSADOR;
    }
    return routing.nginx != null ? NGINX : SMI;
  }

  /** Why a header route cannot be set, or null when it can. */
  public String headerRouteRefusal() {
    return headerRoutes ? null : label + " cannot route by header (setHeaderRoute)" + hint;
  }

  /** Why a mirror route cannot be set, or null when it can. */
  public String mirrorRouteRefusal() {
    return mirrors ? null : label + " cannot mirror traffic (setMirrorRoute)" + hint;
  }
}
