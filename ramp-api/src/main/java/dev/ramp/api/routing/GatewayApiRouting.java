package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The Gateway API route whose stable and canary backendRefs Ramp weighs: exactly one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.httpRoute), has(self.grpcRoute), has(self.tcpRoute)]"
    + ".filter(x, x).size() == 1",
    message = "gatewayAPI must set exactly one of httpRoute, grpcRoute, tcpRoute")
public class GatewayApiRouting {
  @JsonPropertyDescription("An HTTPRoute (gateway.networking.k8s.io/v1).")
  public String httpRoute;

  @JsonPropertyDescription("A GRPCRoute (gateway.networking.k8s.io/v1).")
  public String grpcRoute;

  @JsonPropertyDescription("A TCPRoute (gateway.networking.k8s.io/v1alpha2): weights only.")
  public String tcpRoute;

  @JsonPropertyDescription("Its namespace, when not the rollout's.")
  public String namespace;

  @JsonPropertyDescription("Names of the rules to weigh; all rules when absent.")
  public List<String> rules;
}
