package dev.ramp.controller;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.List;

/** Rollout manifests as tests write them. */
public final class Rollouts {
  private Rollouts() {}

  public static Rollout canary(String name, int replicas, String image, CanaryStep... steps) {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(Cluster.NS).build());
    RolloutSpec spec = new RolloutSpec();
    spec.replicas = replicas;
    spec.selector = new LabelSelectorBuilder().addToMatchLabels("app", name).build();
    spec.template = new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .build();
    spec.strategy = new RolloutStrategy();
    spec.strategy.canary = new CanaryStrategy();
    spec.strategy.canary.steps = List.of(steps);
    spec.strategy.canary.scaleDownDelaySeconds = 1;
    rollout.setSpec(spec);
    return rollout;
  }

  /** A blue-green rollout with Services {@code <name>-active} and {@code <name>-preview}. */
  static Rollout blueGreen(String name, int replicas, String image) {
    Rollout rollout = canary(name, replicas, image);
    BlueGreenStrategy blueGreen = new BlueGreenStrategy();
    blueGreen.activeService = name + "-active";
    blueGreen.previewService = name + "-preview";
    blueGreen.scaleDownDelaySeconds = 1;
    rollout.getSpec().strategy.canary = null;
    rollout.getSpec().strategy.blueGreen = blueGreen;
    return rollout;
  }
}
