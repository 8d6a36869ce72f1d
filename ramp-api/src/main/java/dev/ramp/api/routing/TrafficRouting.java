package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How the canary's share of requests is set: by exactly one traffic router. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.gatewayAPI), has(self.istio), has(self.nginx), has(self.smi)]"
    + ".filter(x, x).size() == 1",
    message = "trafficRouting must set exactly one of gatewayAPI, istio, nginx, smi")
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

  @JsonPropertyDescription("The header and mirror routes the steps set, highest precedence"
      + " first (Argo Rollouts' managedRoutes). When given, a step may set only these; Ramp"
      + " places its routes in this order, ahead of the weighed routes.")
  public List<ManagedRoute> managedRoutes;

  @Min(1)
  @JsonPropertyDescription("The total traffic weights are out of (default 100): setWeight and"
      + " the router's weights count in it, e.g. setWeight: 5 of 1000 is 0.5%. NGINX Ingress"
      + " only, as in Argo Rollouts.")
  public Integer maxTrafficWeight;
}
