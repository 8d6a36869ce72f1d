package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** How the canary's share of requests is set: by exactly one traffic router. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.gatewayAPI), has(self.istio), has(self.nginx), has(self.smi),"
    + " has(self.traefik), has(self.contour), has(self.ambassador)]"
    + ".filter(x, x).size() == 1",
    message = "trafficRouting must set exactly one of gatewayAPI, istio, nginx, smi, traefik,"
        + " contour, ambassador")
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

  @JsonPropertyDescription("Weights on the services of a weighted Traefik TraefikService.")
  public TraefikRouting traefik;

  @JsonPropertyDescription("Weights on the routes of Contour HTTPProxies.")
  public ContourRouting contour;

  @JsonPropertyDescription("A weighted canary Mapping next to each stable one, for"
      + " Emissary-ingress / Ambassador.")
  public AmbassadorRouting ambassador;
}
