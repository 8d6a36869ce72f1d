package dev.ramp.engine;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.List;

/** Rollouts as a test writes them. */
public final class Fixtures {
  private Fixtures() {}

  public static Rollout rollout(String name, int replicas, String image, CanaryStep... steps) {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder()
        .withName(name).withNamespace("default").withGeneration(1L).build());
    RolloutSpec spec = new RolloutSpec();
    spec.replicas = replicas;
    spec.selector = new LabelSelectorBuilder().addToMatchLabels("app", name).build();
    spec.template = template(name, image);
    spec.strategy = new RolloutStrategy();
    spec.strategy.canary = new CanaryStrategy();
    spec.strategy.canary.steps = List.of(steps);
    rollout.setSpec(spec);
    return rollout;
  }

  public static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .build();
  }
}
