package dev.ramp.controller;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import java.util.List;

/** Rollout manifests as tests write them. */
public final class Rollouts {
  private Rollouts() {}

  public static Rollout canary(String name, int replicas, String image, CanaryStep... steps) {
    Rollout rollout = Rollout.canary(name, Cluster.NS, replicas, image, List.of(steps));
    rollout.getSpec().strategy.canary.scaleDownDelaySeconds = 1;
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
