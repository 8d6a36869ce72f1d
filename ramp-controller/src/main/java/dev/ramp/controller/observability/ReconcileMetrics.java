package dev.ramp.controller.observability;

import dev.ramp.controller.logging.RolloutLogContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * What JOSDK reports about each reconcile: timed as {@code ramp_reconcile_seconds{controller}},
 * failures counted as {@code ramp_reconcile_errors_total{controller}}, JOSDK's own metrics
 * ({@code operator_sdk_*}) kept, and the reconciled rollout put in the log context of the
 * reconciling thread.
 */
public final class ReconcileMetrics implements Metrics {
  private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
  private final MeterRegistry registry;
  private final Metrics josdk;

  public ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.josdk = MicrometerMetrics.withoutPerResourceMetrics(registry);
  }

  /** Both series exist from the start, so that a rate of errors is 0 rather than absent. */
  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    String name = controller.getConfiguration().getName();
    timer(name);
    errors(name);
    josdk.controllerRegistered(controller);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    Timer.Sample sample = Timer.start(registry);
    try {
      return josdk.timeControllerExecution(execution);
    } catch (Exception e) {
      errors(execution.controllerName()).increment();
      throw e;
    } finally {
      sample.stop(timer(execution.controllerName()));
    }
  }

  private Timer timer(String controller) {
    return Timer.builder("ramp.reconcile").description("Time taken by a reconcile")
        .tag("controller", controller).serviceLevelObjectives(BUCKETS).register(registry);
  }

  private Counter errors(String controller) {
    return Counter.builder("ramp.reconcile.errors").description("Reconciles that failed")
        .tag("controller", controller).register(registry);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    RolloutLogContext.enter(resource);
    josdk.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource,
      Map<String, Object> metadata) {
    josdk.reconciliationExecutionFinished(resource, metadata);
    RolloutLogContext.leave();
  }

  // The rest is JOSDK's own.

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    josdk.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo,
      Map<String, Object> metadata) {
    josdk.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void failedReconciliation(HasMetadata resource, Exception exception,
      Map<String, Object> metadata) {
    josdk.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    josdk.cleanupDoneFor(resourceID, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    josdk.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return josdk.monitorSizeOf(map, name);
  }
}
