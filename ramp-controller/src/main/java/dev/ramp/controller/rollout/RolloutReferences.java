package dev.ramp.controller.rollout;

import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.analysis.RolloutAnalysis;
import java.util.Objects;
import java.util.stream.Stream;

/** The other objects a rollout's spec names: Services, a Deployment, analysis templates. */
final class RolloutReferences {
  private RolloutReferences() {}

  static Stream<String> services(RolloutSpec spec) {
    CanaryStrategy canary = canary(spec);
    return canary == null ? Stream.empty()
        : Stream.of(canary.stableService, canary.canaryService).filter(Objects::nonNull);
  }

  static Stream<String> workload(RolloutSpec spec) {
    return spec == null || spec.workloadRef == null ? Stream.empty()
        : Stream.of(spec.workloadRef.name);
  }

  static Stream<RolloutAnalysis.TemplateRef> templates(RolloutSpec spec) {
    CanaryStrategy canary = canary(spec);
    if (canary == null) {
      return Stream.empty();
    }
    Stream<RolloutAnalysis> steps = canary.steps == null ? Stream.empty()
        : canary.steps.stream().filter(Objects::nonNull).map(step -> step.analysis);
    return Stream.concat(steps, Stream.ofNullable(canary.analysis))
        .filter(Objects::nonNull)
        .filter(analysis -> analysis.templates != null)
        .flatMap(analysis -> analysis.templates.stream());
  }

  private static CanaryStrategy canary(RolloutSpec spec) {
    return spec == null || spec.strategy == null ? null : spec.strategy.canary;
  }
}
