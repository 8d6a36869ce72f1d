package dev.ramp.controller;

import dev.ramp.controller.analysis.AnalysisRunReconciler;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.rollout.RolloutReconciler;
import dev.ramp.metrics.MetricProviders;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.time.Clock;
import java.util.Set;

/** Ramp's controller: the JOSDK operator with Ramp's reconcilers registered. */
public final class RampOperator implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
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
    Consumer<ControllerConfigurationOverrider<?>> watched = config -> {
      if (namespaces.isEmpty()) {
        config.watchingAllNamespaces();
      } else {
        config.settingNamespaces(namespaces);
      }
    };
    operator.register(new RolloutReconciler(clock, new EventRecorder(client, clock)),
        watched::accept);
    MetricProviders providers = new MetricProviders(client,
        HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    operator.register(new AnalysisRunReconciler(clock, providers::forMetric), watched::accept);
    operator.start();
    return new RampOperator(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
