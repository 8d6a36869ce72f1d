package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;

/** A step held back because the router's own status refuses Ramp's route, as users see it. */
final class HeldStep {
  private HeldStep() {}

  /**
   * Waits until the rollout's message ends with the router's refusal, then checks that the one
   * Warning Event says it and that the rollout is still on its first step.
   */
  static void awaitRefusal(Cluster cluster, String rollout, String waitingOn, String refusal) {
    cluster.await(rollout, waitingOn, r ->
        r.getStatus().message != null && r.getStatus().message.endsWith("; " + refusal));
    cluster.eventually(() -> assertThat(cluster.events(rollout))
        .filteredOn(e -> "Warning".equals(e.getType())).extracting(Event::getMessage)
        .containsExactly(refusal));
    assertThat(cluster.rollout(rollout).getStatus().currentStepIndex).isZero();
  }
}
