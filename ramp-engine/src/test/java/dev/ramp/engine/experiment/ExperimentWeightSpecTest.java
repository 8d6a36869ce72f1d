package dev.ramp.engine.experiment;

import static dev.ramp.engine.Fixtures.gatewayApi;
import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Baseline;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.experiment.RolloutExperimentStep;
import dev.ramp.api.routing.IstioRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.spec.SpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An experiment step's {@code templates[].weight}: refused, naming the template, where the
 * rollout cannot give a template a share of requests.
 */
class ExperimentWeightSpecTest {
  private static final String WEIGHT = "spec.strategy.canary.steps[1].experiment.templates[1]"
      + ".weight ";

  /** setWeight 20, then an experiment of a baseline and a canary, the canary given a weight. */
  private static RolloutSpec withWeightedTemplate(Integer weight, TrafficRouting routing) {
    RolloutExperimentStep experiment = new RolloutExperimentStep();
    experiment.duration = "10m";
    experiment.templates = List.of(
        template("baseline", RolloutExperimentStep.SpecRef.stable, null),
        template("canary", RolloutExperimentStep.SpecRef.canary, weight));
    CanaryStep step = new CanaryStep();
    step.experiment = experiment;
    RolloutSpec spec = rollout("checkout", 3, "demo:v1", CanaryStep.weight(20), step)
        .getSpec();
    spec.strategy.canary.stableService = "checkout-stable";
    spec.strategy.canary.canaryService = "checkout-canary";
    spec.strategy.canary.trafficRouting = routing;
    return spec;
  }

  private static RolloutExperimentStep.Template template(String name,
      RolloutExperimentStep.SpecRef ref, Integer weight) {
    RolloutExperimentStep.Template template = new RolloutExperimentStep.Template();
    template.name = name;
    template.specRef = ref;
    template.weight = weight;
    return template;
  }

  @Test
  void templatesWithoutWeightNeedNoRouter() {
    assertThat(SpecValidator.check(withWeightedTemplate(null, null))).isEmpty();
    assertThat(SpecValidator.check(withWeightedTemplate(null, gatewayApi()))).isEmpty();
  }

  @Test
  void aWeightOnAGatewayApiRouteHasNoProblem() {
    assertThat(SpecValidator.check(withWeightedTemplate(5, gatewayApi()))).isEmpty();
  }

  @Test
  void aWeightWithoutARouterIsRefusedForReplicasGiveTheShare() {
    assertThat(SpecValidator.check(withWeightedTemplate(5, null))).containsExactly(WEIGHT
        + "needs a traffic router (spec.strategy.canary.trafficRouting): without one a"
        + " template's share of requests is what its replicas give, so leave weight out and"
        + " set replicas");
  }

  @Test
  void weightsMayTakeAllTheStableHas() {
    assertThat(SpecValidator.check(withWeightedTemplate(80, gatewayApi()))).isEmpty();
  }

  @Test
  void weightsTheStableCannotGiveAreRefused() {
    assertThat(SpecValidator.check(withWeightedTemplate(81, gatewayApi()))).containsExactly(
        "spec.strategy.canary.steps[1].experiment.templates: their weights (81%) with the"
            + " canary's 20% at this step come to 101% of the requests; the stable can give"
            + " the templates only what it has (80%): lower the weights");
  }

  @Test
  void aFreshBaselinesShareCountsToo() {
    RolloutSpec spec = withWeightedTemplate(70, gatewayApi());
    spec.strategy.canary.baseline = new Baseline();
    spec.strategy.canary.baseline.matchCanary = true;
    spec.strategy.canary.baselineService = "checkout-baseline";
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.strategy.canary.steps[1].experiment.templates: their weights (70%) with the"
            + " canary's 20% and its fresh baseline's 20% at this step come to 110% of the"
            + " requests; the stable can give the templates only what it has (60%): lower the"
            + " weights");
  }

  @Test
  void aRouterThatCannotCarryTheTemplateIsNamed() {
    TrafficRouting istio = new TrafficRouting();
    istio.istio = new IstioRouting();
    istio.istio.virtualService = new IstioRouting.VirtualServiceRef();
    istio.istio.virtualService.name = "checkout";
    assertThat(SpecValidator.check(withWeightedTemplate(5, istio))).containsExactly(WEIGHT
        + "cannot be given with Istio: only the Gateway API router"
        + " (trafficRouting.gatewayAPI) can carry a backend beyond the stable and the canary;"
        + " leave weight out (the template's pods then get the share their replicas give from"
        + " a Service selecting them)");
  }
}
