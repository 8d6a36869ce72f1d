package dev.ramp.controller.observability;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.controller.config.ControllerConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The metrics read from the status of Rollouts and AnalysisRuns, kept by watching them (the
 * same ones the controller handles) apart from the reconcilers. Only a leader runs the watches,
 * so that every transition is counted by one instance; a follower reports no rollouts.
 */
public final class StatusMetrics implements AutoCloseable {
  private final KubernetesClient client;
  private final ControllerConfig config;
  private final RolloutMetrics rollouts;
  private final AnalysisRunMetrics analysisRuns;
  private final JudgeMetrics judges;
  private final List<SharedIndexInformer<Rollout>> rolloutInformers = new CopyOnWriteArrayList<>();
  private final List<SharedIndexInformer<AnalysisRun>> runInformers =
      new CopyOnWriteArrayList<>();

  public StatusMetrics(KubernetesClient client, ControllerConfig config, MeterRegistry registry,
      Clock clock) {
    this.client = client;
    this.config = config;
    this.rollouts = new RolloutMetrics(registry, clock, () -> rolloutInformers.stream()
        .flatMap(informer -> informer.getStore().list().stream()).toList());
    this.analysisRuns = new AnalysisRunMetrics(registry);
    this.judges = new JudgeMetrics(registry, () -> runInformers.stream()
        .flatMap(informer -> informer.getStore().list().stream()).toList());
  }

  /** Starts watching; returns once the current objects are known. */
  public void start() {
    watch(Rollout.class, rollouts, rolloutInformers);
    watch(AnalysisRun.class, analysisRuns, runInformers);
    runInformers.forEach(informer -> informer.addEventHandler(judges));
  }

  private <T extends HasMetadata> void watch(Class<T> kind, ResourceEventHandler<T> handler,
      List<SharedIndexInformer<T>> informers) {
    Stream<FilterWatchListDeletable<T, ?, ?>> scopes = config.namespaces().isEmpty()
        ? Stream.of(client.resources(kind).inAnyNamespace())
        : config.namespaces().stream().map(ns -> client.resources(kind).inNamespace(ns));
    scopes.forEach(scope -> informers.add(
        scope.withLabelSelector(config.instanceSelector()).inform(handler, 0)));
  }

  @Override
  public void close() {
    Stream.concat(rolloutInformers.stream(), runInformers.stream())
        .forEach(SharedIndexInformer::close);
  }
}
