package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.virtualService) || has(self.virtualServices)",
    message = "istio must set virtualService or virtualServices")
public class IstioRouting {
  @JsonPropertyDescription("The VirtualService whose routes Ramp weighs.")
  public VirtualServiceRef virtualService;

  @JsonPropertyDescription("Several VirtualServices, each weighed (and given the header and"
      + " mirror routes) as virtualService is.")
  public List<VirtualServiceRef> virtualServices;

  @JsonPropertyDescription("With it, traffic is split between subsets of the Service (Ramp"
      + " pins the subsets to the revisions); without, between the stable and canary Services.")
  public DestinationRuleRef destinationRule;

  /** The VirtualServices Ramp edits: virtualService, then those of virtualServices. */
  @JsonIgnore
  public List<VirtualServiceRef> allVirtualServices() {
    List<VirtualServiceRef> all = new ArrayList<>();
    if (virtualService != null) {
      all.add(virtualService);
    }
    if (virtualServices != null) {
      virtualServices.stream().filter(Objects::nonNull).forEach(all::add);
    }
    return all;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class VirtualServiceRef {
    @Required public String name;

    @JsonPropertyDescription("Names of the HTTP routes to weigh. Absent: every HTTP route to the"
        + " stable Service or subset, unless tcpRoutes or tlsRoutes are given (then none). A"
        + " VirtualService without HTTP routes is weighed by its TCP and TLS routes.")
    public List<String> routes;

    @JsonPropertyDescription("TCP routes to weigh, chosen by port. Absent: every TCP route to"
        + " the stable Service or subset.")
    public List<TcpRoute> tcpRoutes;

    @JsonPropertyDescription("TLS routes to weigh, chosen by port and SNI hosts. Absent: every"
        + " TLS route to the stable Service or subset.")
    public List<TlsRoute> tlsRoutes;

    /**
     * Whether HTTP routes are weighed: when named, or when no TCP or TLS route is, so that a
     * rollout of a TCP service needs no HTTP route.
     */
    @JsonIgnore
    public boolean weighsHttpRoutes() {
      return routes != null || (tcpRoutes == null || tcpRoutes.isEmpty())
          && (tlsRoutes == null || tlsRoutes.isEmpty());
    }
  }

  /** Chooses the TCP routes with a {@code match} on a port. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TcpRoute {
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("The routes with a match on this port; every route when absent.")
    public Integer port;
  }

  /** Chooses the TLS routes with a {@code match} on a port and SNI hosts. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TlsRoute extends TcpRoute {
    @JsonPropertyDescription("The routes with a match on all these SNI hosts (and the port, if"
        + " given); every route when both are absent.")
    public List<String> sniHosts;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DestinationRuleRef {
    @Required public String name;
    @Required public String stableSubsetName;
    @Required public String canarySubsetName;
  }
}
