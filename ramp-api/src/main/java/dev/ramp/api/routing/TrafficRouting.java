package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How the canary's share of requests is set: by one traffic router, or by several at once (an
 * ingress in front of a mesh, say), which all follow the same weight.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.gatewayAPI), has(self.istio), has(self.nginx), has(self.smi),"
    + " has(self.plugin)]"
    + ".exists(x, x)",
    message = "trafficRouting must set a router: gatewayAPI, istio, nginx, smi, plugin")
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

  @JsonPropertyDescription("A router plugin: Ramp sends it the desired weight and routes over"
      + " HTTP and reads back what is in effect.")
  public PluginRouting plugin;
}
