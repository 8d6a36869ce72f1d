package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.gatewayApi;
import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.SessionAffinity;
import dev.ramp.api.routing.SmiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.spec.SpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of sessionAffinity, for an API server that did not run the CRD's rules as for one
 * that did: a cookie name a browser sends back, and every router able to match cookies.
 */
class SessionAffinitySpecTest {
  private static final String AT = "spec.strategy.canary.sessionAffinity";

  private static RolloutSpec withAffinity(String cookieName, TrafficRouting routing) {
    RolloutSpec spec = rollout("checkout", 3, "demo:v1", CanaryStep.weight(10),
        CanaryStep.pause(null)).getSpec();
    spec.strategy.canary.stableService = "checkout-stable";
    spec.strategy.canary.canaryService = "checkout-canary";
    spec.strategy.canary.trafficRouting = routing;
    spec.strategy.canary.sessionAffinity = new SessionAffinity();
    spec.strategy.canary.sessionAffinity.cookieName = cookieName;
    return spec;
  }

  @Test
  void aCookieNameOfTokenCharactersOnAGatewayApiRouteHasNoProblems() {
    assertThat(SpecValidator.check(withAffinity("shop.canary_user-1", gatewayApi()))).isEmpty();
  }

  @Test
  void aCookieNameNoBrowserSendsBackOrAMaxAgeBelowOneIsNamed() {
    RolloutSpec spec = withAffinity("canary user", gatewayApi());
    spec.strategy.canary.sessionAffinity.maxAge = 0;
    assertThat(SpecValidator.check(spec)).containsExactly(
        AT + ".cookieName must be a cookie name (letters, digits and !#$%&'*+-.^_`|~), not"
            + " \"canary user\"",
        AT + ".maxAge must be at least 1 second");
  }

  @Test
  void everyRouterOfTheRolloutMustMatchCookies() {
    TrafficRouting routing = gatewayApi();
    routing.smi = new SmiRouting();
    assertThat(SpecValidator.check(withAffinity("canary-user", routing))).containsExactly(
        AT + ": SMI cannot keep a user on the canary with a cookie (sessionAffinity)");

    TrafficRouting tcp = new TrafficRouting();
    tcp.istio = new IstioRouting();
    tcp.istio.virtualService = new IstioRouting.VirtualServiceRef();
    tcp.istio.virtualService.name = "checkout";
    tcp.istio.virtualService.tcpRoutes = List.of(new IstioRouting.TcpRoute());
    assertThat(SpecValidator.check(withAffinity("canary-user", tcp))).containsExactly(
        AT + ": Istio (TCP/TLS routes only) cannot keep a user on the canary with a cookie"
            + " (sessionAffinity)");
  }
}
