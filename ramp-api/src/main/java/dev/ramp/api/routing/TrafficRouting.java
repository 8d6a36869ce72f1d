package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * How the canary's share of requests is set: by one traffic router, or by several at once (an
 * ingress in front of a mesh, say), which all follow the same weight.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.gatewayAPI), has(self.istio), has(self.nginx), has(self.smi),"
    + " has(self.alb), has(self.skipper), has(self.apisix), has(self.gloo), has(self.traefik),"
    + " has(self.contour), has(self.ambassador), has(self.plugin)].exists(x, x)",
    message = "trafficRouting must set a router: gatewayAPI, istio, nginx, smi, alb, skipper,"
        + " apisix, gloo, traefik, contour, ambassador, plugin")
public class TrafficRouting {
  @JsonPropertyDescription(
      "Weights on the backendRefs of a Gateway API HTTPRoute, GRPCRoute or TCPRoute.")
  public GatewayApiRouting gatewayAPI;

  @JsonPropertyDescription("Weights on the routes of an Istio VirtualService.")
  public IstioRouting istio;

  @JsonPropertyDescription("A canary Ingress next to the stable one, for ingress-nginx.")
  public NginxRouting nginx;

  @JsonPropertyDescription("An SMI TrafficSplit created for the rollout.")
  public SmiRouting smi;

  @JsonPropertyDescription("The weighted forward action of AWS Load Balancer Controller"
      + " Ingresses.")
  public AlbRouting alb;

  @JsonPropertyDescription("A canary Ingress next to the stable one, for Zalando's Skipper.")
  public SkipperRouting skipper;

  @JsonPropertyDescription("Weights on the backends of an Apache APISIX ApisixRoute.")
  public ApisixRouting apisix;

  @JsonPropertyDescription("Weights on the destinations of a Gloo Edge RouteTable.")
  public GlooRouting gloo;

  @JsonPropertyDescription("Weights on the services of a weighted Traefik TraefikService.")
  public TraefikRouting traefik;

  @JsonPropertyDescription("Weights on the routes of Contour HTTPProxies.")
  public ContourRouting contour;

  @JsonPropertyDescription("A weighted canary Mapping next to each stable one, for"
      + " Emissary-ingress / Ambassador.")
  public AmbassadorRouting ambassador;

  @JsonPropertyDescription("The header and mirror routes the steps set, highest precedence"
      + " first (Argo Rollouts' managedRoutes). When given, a step may set only these; Ramp"
      + " places its routes in this order, ahead of the weighed routes.")
  public List<ManagedRoute> managedRoutes;

  @Min(1)
  @JsonPropertyDescription("The total traffic weights are out of (default 100): setWeight and"
      + " the router's weights count in it, e.g. setWeight: 5 of 1000 is 0.5%. NGINX Ingress"
      + " only, as in Argo Rollouts.")
  public Integer maxTrafficWeight;

  @JsonPropertyDescription("A router plugin: Ramp sends it the desired weight and routes over"
      + " HTTP and reads back what is in effect.")
  public PluginRouting plugin;
}
