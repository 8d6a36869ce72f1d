package dev.ramp.cluster;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.spec.SpecValidator;
import java.util.Objects;
import java.util.stream.Stream;

/** The other objects a rollout's spec names: Services, a Deployment, analysis templates. */
public final class RolloutReferences {
  private RolloutReferences() {}

  public static Stream<String> services(RolloutSpec spec) {
    return spec == null || spec.strategy == null ? Stream.empty()
        : SpecValidator.services(spec.strategy).stream();
  }

  public static Stream<String> workload(RolloutSpec spec) {
    return spec == null || spec.workloadRef == null ? Stream.empty()
        : Stream.of(spec.workloadRef.name);
  }

  public static Stream<RolloutAnalysis.TemplateRef> templates(RolloutSpec spec) {
    return analyses(spec)
        .filter(Objects::nonNull)
        .filter(analysis -> analysis.templates != null)
        .flatMap(analysis -> analysis.templates.stream());
  }

  private static Stream<RolloutAnalysis> analyses(RolloutSpec spec) {
    if (spec == null || spec.strategy == null) {
      return Stream.empty();
    }
    BlueGreenStrategy blueGreen = spec.strategy.blueGreen;
    if (blueGreen != null) {
      return Stream.of(blueGreen.prePromotionAnalysis, blueGreen.postPromotionAnalysis);
    }
    CanaryStrategy canary = spec.strategy.canary;
    if (canary == null) {
      return Stream.empty();
    }
    Stream<RolloutAnalysis> steps = canary.steps == null ? Stream.empty()
        : canary.steps.stream().filter(Objects::nonNull).map(step -> step.analysis);
    return Stream.concat(steps, Stream.ofNullable(canary.analysis));
  }
}
