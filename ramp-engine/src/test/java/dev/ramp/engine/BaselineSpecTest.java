package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.gatewayApi;
import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Baseline;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.spec.SpecValidator;
import org.junit.jupiter.api.Test;

/**
 * The checks of a fresh baseline, for an API server that did not run the CRD's rules as for one
 * that did: one way to size it, a Service of its own, and a router that can weigh it.
 */
class BaselineSpecTest {
  private static final String AT = "spec.strategy.canary";

  private static RolloutSpec withBaseline(Integer replicas, Boolean matchCanary,
      TrafficRouting routing) {
    RolloutSpec spec = rollout("checkout", 3, "demo:v1", CanaryStep.weight(10),
        CanaryStep.pause(null)).getSpec();
    spec.strategy.canary.stableService = "checkout-stable";
    spec.strategy.canary.canaryService = "checkout-canary";
    spec.strategy.canary.baselineService = "checkout-baseline";
    spec.strategy.canary.trafficRouting = routing;
    spec.strategy.canary.baseline = new Baseline();
    spec.strategy.canary.baseline.replicas = replicas;
    spec.strategy.canary.baseline.matchCanary = matchCanary;
    return spec;
  }

  @Test
  void aBaselineMatchingTheCanaryOrOfFixedSizeOnAGatewayApiRouteHasNoProblems() {
    assertThat(SpecValidator.check(withBaseline(null, true, gatewayApi()))).isEmpty();
    assertThat(SpecValidator.check(withBaseline(2, null, gatewayApi()))).isEmpty();
    assertThat(SpecValidator.check(withBaseline(2, null, null))).isEmpty();
  }

  @Test
  void aBaselineSetsExactlyOneOfReplicasAndMatchCanary() {
    String exactlyOne = AT + ".baseline must set exactly one of replicas and matchCanary: true";
    assertThat(SpecValidator.check(withBaseline(2, true, gatewayApi())))
        .containsExactly(exactlyOne);
    assertThat(SpecValidator.check(withBaseline(null, false, gatewayApi())))
        .containsExactly(exactlyOne);
    assertThat(SpecValidator.check(withBaseline(0, null, gatewayApi())))
        .containsExactly(AT + ".baseline.replicas must be at least 1 (is 0)");
  }

  @Test
  void aRoutedBaselineNeedsAServiceOfItsOwn() {
    RolloutSpec none = withBaseline(null, true, gatewayApi());
    none.strategy.canary.baselineService = null;
    assertThat(SpecValidator.check(none)).containsExactly(AT + ".baselineService is required"
        + " with a baseline and a traffic router: name the Service the router sends the"
        + " baseline's share of requests to");

    RolloutSpec shared = withBaseline(null, true, gatewayApi());
    shared.strategy.canary.baselineService = "checkout-stable";
    assertThat(SpecValidator.check(shared)).containsExactly(AT + ".baselineService must be a"
        + " Service of its own, not the stable or the canary Service");
  }

  @Test
  void aRouterThatCannotWeighABaselineIsNamed() {
    TrafficRouting istio = new TrafficRouting();
    istio.istio = new IstioRouting();
    assertThat(SpecValidator.check(withBaseline(null, true, istio)))
        .contains(AT + ".baseline with a traffic router works with the Gateway API router only"
            + " (trafficRouting.gatewayAPI), which gives the baselineService the canary's share;"
            + " Ramp cannot weigh a baseline with Istio (without a router the baseline's pods"
            + " get their share of the replicas)");
  }

  @Test
  void aBaselineServiceWithoutABaselineIsNamed() {
    RolloutSpec spec = withBaseline(null, true, gatewayApi());
    spec.strategy.canary.baseline = null;
    assertThat(SpecValidator.check(spec)).containsExactly(AT + ".baselineService is set but"
        + " there is no baseline: add baseline: {matchCanary: true} or {replicas: N}, or remove"
        + " baselineService");
  }
}
