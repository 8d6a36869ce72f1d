package dev.ramp.engine.spec;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.experiment.RolloutExperimentStep;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of an experiment step's {@code templates[].weight} (Argo's share of requests for a
 * template): without a traffic router a template's share is what its replicas give, and the
 * routers that cannot carry an extra backend would leave the weight unapplied without a word.
 */
final class ExperimentWeightChecks {
  private static final Set<RouterCapabilities> GATEWAY_API =
      EnumSet.of(RouterCapabilities.GATEWAY_API, RouterCapabilities.GATEWAY_API_TCP);

  private ExperimentWeightChecks() {}

  static void check(CanaryStrategy canary, List<String> problems) {
    List<CanaryStep> steps = canary.steps == null ? List.of() : canary.steps;
    for (int i = 0; i < steps.size(); i++) {
      RolloutExperimentStep experiment = steps.get(i) == null ? null : steps.get(i).experiment;
      if (experiment == null || experiment.templates == null) {
        continue;
      }
      int weights = 0;
      for (int t = 0; t < experiment.templates.size(); t++) {
        RolloutExperimentStep.Template template = experiment.templates.get(t);
        if (template != null && template.weight != null) {
          weights += template.weight;
          String refusal = refusal(canary);
          if (refusal != null) {
            problems.add("spec.strategy.canary.steps[" + i + "].experiment.templates[" + t
                + "].weight " + refusal);
          }
        }
      }
      tooMuch(canary, i, weights).ifPresent(problems::add);
    }
  }

  /**
   * The templates' weights come out of the stable's share while the step runs, beside the
   * canary's (and its fresh baseline's): together they cannot be more than all the requests.
   */
  private static Optional<String> tooMuch(CanaryStrategy canary, int step, int weights) {
    int canaryWeight = 0; // the last setWeight up to the step
    for (int i = step; i >= 0; i--) {
      CanaryStep earlier = canary.steps.get(i);
      if (earlier != null && earlier.setWeight != null) {
        canaryWeight = earlier.setWeight;
        break;
      }
    }
    int baseline = canary.baseline == null ? 0 : Math.min(canaryWeight, 100 - canaryWeight);
    int total = weights + canaryWeight + baseline;
    if (weights == 0 || total <= 100) {
      return Optional.empty();
    }
    return Optional.of("spec.strategy.canary.steps[" + step + "].experiment.templates: their"
        + " weights (" + weights + "%) with the canary's " + canaryWeight + "%"
        + (baseline == 0 ? "" : " and its fresh baseline's " + baseline + "%")
        + " at this step come to " + total + "% of the requests; the stable can give the"
        + " templates only what it has (" + (100 - canaryWeight - baseline) + "%): lower the"
        + " weights");
  }

  /** Why the rollout cannot give a template a share of requests, or null when it may. */
  private static String refusal(CanaryStrategy canary) {
    if (canary.trafficRouting == null) {
      return "needs a traffic router (spec.strategy.canary.trafficRouting): without one a"
          + " template's share of requests is what its replicas give, so leave weight out and"
          + " set replicas";
    }
    List<RouterCapabilities> routers = RouterCapabilities.all(canary.trafficRouting);
    if (routers.isEmpty() || routers.size() == 1 && GATEWAY_API.contains(routers.get(0))) {
      return null; // a routing without a router is refused on its own
    }
    return "cannot be given with " + String.join(" and ",
        routers.stream().map(router -> router.label).toList())
        + ": only the Gateway API router (trafficRouting.gatewayAPI) can carry a backend"
        + " beyond the stable and the canary; leave weight out (the template's pods then get"
        + " the share their replicas give from a Service selecting them)";
  }
}
