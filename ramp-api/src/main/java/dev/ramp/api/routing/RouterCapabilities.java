package dev.ramp.api.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What each traffic router can do, declared once: the spec checks refuse a step a router of the
 * rollout cannot carry out, and the routers refuse to write it.
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
  // an ALB listener rule matches a header value exactly or with wildcards (a prefix), no regex
  ALB("AWS ALB", false, true, true, ""),
  SKIPPER("Skipper", false, false, false, ""),
  // APISIX mirrors with its proxy-mirror plugin, to a URL rather than to a backend Service
  APISIX("Apache APISIX", false, true, true,
      ": APISIX mirrors with the proxy-mirror plugin, to a host URL, not to the canary Service"),
  GLOO("Gloo Edge", false, true, false,
      ": Ramp does not write Gloo Edge's shadowing route option"),
  // Traefik matches headers in IngressRoutes and mirrors with a mirroring TraefikService, objects
  // other than the weighted TraefikService Ramp edits
  TRAEFIK("Traefik", false, false, false, ": Ramp sets only the weights of the weighted"
      + " TraefikService"),
  // HTTPProxy routes have no name by which Ramp could find a route it added again; a mirror is
  // a service of the routes Ramp weighs
  CONTOUR("Contour", true, false, false, ": HTTPProxy routes have no names, so Ramp adds"
      + " no routes of its own"),
  // as in Argo Rollouts, Ramp's canary Mapping carries a weight only
  AMBASSADOR("Ambassador", false, false, false, ""),
  // a plugin says what it can do when asked, so the routing checks refuse nothing and the
  // plugin router refuses a step the plugin cannot do
  PLUGIN("Router plugin", true, true, true, "");

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

  /**
   * The routers that keep a user on the canary with a cookie (sessionAffinity): they can add a
   * response header on the canary's backend and match the Cookie header.
   */
  private static final Set<RouterCapabilities> SESSION_AFFINITY = EnumSet.of(GATEWAY_API, ISTIO,
      NGINX);

  /** The fields of trafficRouting that name a router, as messages list them. */
  public static final String FIELDS = "gatewayAPI, istio, nginx, smi, alb, skipper, apisix,"
      + " gloo, traefik, contour, ambassador, plugin";

  /** The capabilities of every router the routing names, in the order of its fields. */
  public static List<RouterCapabilities> all(TrafficRouting routing) {
    List<RouterCapabilities> routers = new ArrayList<>();
    if (routing.gatewayAPI != null) {
      routers.add(of(routing.gatewayAPI));
    }
    if (routing.istio != null) {
      routers.add(of(routing.istio));
    }
    if (routing.nginx != null) {
      routers.add(NGINX);
    }
    if (routing.smi != null) {
      routers.add(SMI);
    }
    if (routing.alb != null) {
      routers.add(ALB);
    }
    if (routing.skipper != null) {
      routers.add(SKIPPER);
    }
    if (routing.apisix != null) {
      routers.add(APISIX);
    }
    if (routing.gloo != null) {
      routers.add(GLOO);
    }
    if (routing.traefik != null) {
      routers.add(TRAEFIK);
    }
    if (routing.contour != null) {
      routers.add(CONTOUR);
    }
    if (routing.ambassador != null) {
      routers.add(AMBASSADOR);
    }
    if (routing.plugin != null) {
      routers.add(PLUGIN);
    }
    return routers;
  }

  public static RouterCapabilities of(GatewayApiRouting gatewayApi) {
    return gatewayApi.tcpRoute != null ? GATEWAY_API_TCP : GATEWAY_API;
  }

  public static RouterCapabilities of(IstioRouting istio) {
    return istio.virtualService != null && !istio.virtualService.weighsHttpRoutes()
        ? ISTIO_TCP_TLS : ISTIO;
  }

  /** Why a header route cannot be set, or null when it can. */
  public String headerRouteRefusal() {
    return headerRoutes ? null : label + " cannot route by header (setHeaderRoute)" + hint;
  }

  /** Why session affinity cannot be kept, or null when it can. */
  public String sessionAffinityRefusal() {
    return SESSION_AFFINITY.contains(this) ? null
        : label + " cannot keep a user on the canary with a cookie (sessionAffinity)";
  }

  /** Why a mirror route cannot be set, or null when it can. */
  public String mirrorRouteRefusal() {
    return mirrors ? null : label + " cannot mirror traffic (setMirrorRoute)" + hint;
  }
}
