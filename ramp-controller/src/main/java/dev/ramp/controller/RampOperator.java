package dev.ramp.controller;

import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.rollout.RolloutReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.Set;

/** Ramp's controller: the JOSDK operator with Ramp's reconcilers registered. */
public final class RampOperator implements AutoCloseable {
  private final Operator operator;

  private RampOperator(Operator operator) {
    this.operator = operator;
  }

  /**
   * Starts reconciling.
   *
   * @param namespaces the namespaces to watch; empty for all
   */
  public static RampOperator start(KubernetesClient client, Clock clock, Set<String> namespaces) {
    Operator operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        // Plain merge patches instead of server-side apply: simpler to reason about, and they
        // work against every API server, the sandbox's included.
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false));
    RolloutReconciler rollouts = new RolloutReconciler(clock, new EventRecorder(client, clock));
    operator.register(rollouts, config -> {
      if (namespaces.isEmpty()) {
        config.watchingAllNamespaces();
      } else {
        config.settingNamespaces(namespaces);
      }
    });
    operator.start();
    return new RampOperator(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
