package dev.ramp.controller.analysis;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.controller.errors.Doing;
import dev.ramp.controller.errors.UnexpectedErrors;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.kube.StatusWriter;
import dev.ramp.engine.Copies;
import dev.ramp.engine.analysis.AnalysisRunPlanner;
import dev.ramp.engine.analysis.Arguments;
import dev.ramp.engine.analysis.Taken;
import dev.ramp.metrics.MeasurementRequest;
import dev.ramp.metrics.MeasurementResult;
import dev.ramp.metrics.MetricProvider;
import dev.ramp.metrics.Secrets;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an AnalysisRun's measurements when they are due: the engine says which, the metric
 * providers take them, the engine judges them, and the status is written once.
 */
@ControllerConfiguration(name = "analysisruns", generationAwareEventProcessing = false)
// A failing reconcile is retried as long as it fails (the operator framework's default gives up
// after five retries, and a rollout waiting on a timer would then stall until the next change),
// soon at first and then every few seconds.
@GradualRetry(maxAttempts = -1, initialInterval = 500, intervalMultiplier = 2, maxInterval = 5_000)
public final class AnalysisRunReconciler implements Reconciler<AnalysisRun> {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisRunReconciler.class);
  private static final Duration AFTER_CONFLICT = Duration.ofMillis(200);

  private final Clock clock;
  private final Function<Metric, MetricProvider> providers;
  private final EventRecorder events;
  private final UnexpectedErrors errors;

  /** @param providers the provider that measures a metric */
  public AnalysisRunReconciler(Clock clock, Function<Metric, MetricProvider> providers,
      EventRecorder events) {
    this.clock = clock;
    this.providers = providers;
    this.events = events;
    this.errors = new UnexpectedErrors(events, clock);
  }

  @Override
  public UpdateControl<AnalysisRun> reconcile(AnalysisRun run, Context<AnalysisRun> context) {
    Doing doing = new Doing("planning the measurements");
    try {
      return reconcile(run, context, doing);
    } catch (RuntimeException e) {
      if (UnexpectedErrors.unexpected(e)) {
        AnalysisRunStatus status = run.getStatus() == null ? new AnalysisRunStatus()
            : Copies.of(run.getStatus());
        if (status.conditions == null) {
          status.conditions = new ArrayList<>();
        }
        errors.report(run, status, status.conditions, doing, e, context);
      }
      throw e; // counted, logged and retried with backoff
    }
  }

  private UpdateControl<AnalysisRun> reconcile(AnalysisRun run, Context<AnalysisRun> context,
      Doing doing) {
    Instant now = clock.instant();
    List<AnalysisRunPlanner.Task> tasks = AnalysisRunPlanner.tasks(run, now);
    List<Taken> taken = new ArrayList<>();
    ArgumentValues values = new ArgumentValues(context.getClient(), run);
    for (AnalysisRunPlanner.Task task : tasks) {
      Taken result = work(run, task, values, doing);
      if (result != null) {
        taken.add(result);
      }
    }
    doing.now("judging the measurements");
    AnalysisRunPlanner.Update update = AnalysisRunPlanner.update(run, taken, now);
    doing.now("writing the status");
    UnexpectedErrors.clear(update.status().conditions);
    try {
      new StatusWriter(context.getClient()).write(run, update.status())
          .ifPresent(written -> context.eventSourceRetriever().getControllerEventSource()
              .handleRecentResourceUpdate(ResourceID.fromResource(run), written, run));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return UpdateControl.<AnalysisRun>noUpdate().rescheduleAfter(AFTER_CONFLICT);
    }
    recordEnd(run, update.status());
    UpdateControl<AnalysisRun> control = UpdateControl.noUpdate();
    if (update.nextAt() == null) {
      return control;
    }
    Duration wait = Duration.between(clock.instant(), update.nextAt());
    return control.rescheduleAfter(wait.isNegative() ? Duration.ZERO : wait);
  }

  /**
   * An Event when this write ends the run, as Argo Rollouts records one: a Warning when it
   * failed or could not measure, so a run made by hand tells why as a Rollout's does.
   */
  private void recordEnd(AnalysisRun run, AnalysisRunStatus written) {
    AnalysisPhase before = AnalysisPhase.of(run.getStatus() == null ? null
        : run.getStatus().phase);
    AnalysisPhase after = AnalysisPhase.of(written.phase);
    if (!after.completed() || before.completed()) {
      return;
    }
    boolean bad = after == AnalysisPhase.Failed || after == AnalysisPhase.Error;
    events.record(run, bad, "AnalysisRun" + after, written.message == null
        ? "AnalysisRun " + run.getMetadata().getName() + " is " + after : written.message);
  }

  /** Does one task; the measurement it took, or null for a clean-up. */
  private Taken work(AnalysisRun run, AnalysisRunPlanner.Task task, ArgumentValues values,
      Doing doing) {
    String name = task.metric().name;
    MeasurementRequest request;
    try {
      doing.nowWithSecrets("reading the arguments of metric " + name);
      request = new MeasurementRequest(run.getMetadata().getNamespace(),
          Arguments.substitute(task.metric(), values.get()), owner(run));
    } catch (IllegalArgumentException e) {
      return Taken.error(name, e.getMessage());
    }
    doing.now("measuring metric " + name);
    try {
      MetricProvider provider = providers.apply(task.metric());
      MeasurementResult result = switch (task.work()) {
        case MEASURE -> provider.measure(request);
        case RESUME -> provider.resume(request, task.metadata());
        case TERMINATE -> {
          provider.terminate(request, task.metadata());
          yield null;
        }
      };
      return result == null ? null : taken(name, result);
    } catch (IllegalArgumentException e) {
      return Taken.error(name, e.getMessage());
    } catch (RuntimeException e) {
      // A provider bug must not stop the run's other metrics, nor leak a request's secrets.
      LOG.warn("metric {} of {} could not be measured", name, run.getMetadata().getName(), e);
      return Taken.error(name, "the " + name + " measurement failed unexpectedly ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static Taken taken(String metric, MeasurementResult result) {
    return switch (result.state()) {
      case RUNNING -> new Taken(metric, true, null, null, null, null, result.metadata());
      case ERROR -> new Taken(metric, false, null, null, result.message(), null,
          result.metadata());
      case DONE -> new Taken(metric, false, result.value(), phase(result.verdict()), null,
          result.message(), result.metadata());
    };
  }

  /** A provider's own verdict as the measurement's phase; null lets the conditions judge. */
  private static AnalysisPhase phase(MeasurementResult.Verdict verdict) {
    return verdict == null ? null : switch (verdict) {
      case SUCCESSFUL -> AnalysisPhase.Successful;
      case INCONCLUSIVE -> AnalysisPhase.Inconclusive;
      case FAILED -> AnalysisPhase.Failed;
    };
  }

    private static OwnerReference owner(AnalysisRun run) {
    return new OwnerReferenceBuilder().withApiVersion(run.getApiVersion())
        .withKind(run.getKind()).withName(run.getMetadata().getName())
        .withUid(run.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
        .build();
  }

  /**
   * The run's argument values, read once per reconcile and only when a measurement needs them:
   * Secrets are read from the cluster here and kept nowhere else.
   */
  private static final class ArgumentValues {
    private final Secrets secrets;
    private final AnalysisRun run;
    private Map<String, String> values;

    ArgumentValues(KubernetesClient client, AnalysisRun run) {
      this.secrets = Secrets.of(client);
      this.run = run;
    }

    Map<String, String> get() {
      if (values == null) {
        values = new HashMap<>();
        for (Argument arg : run.getSpec().args == null ? List.<Argument>of()
            : run.getSpec().args) {
          values.put(arg.name, value(arg));
        }
      }
      return values;
    }

    private String value(Argument arg) {
      if (arg.value != null) {
        return arg.value;
      }
      if (arg.valueFrom != null && arg.valueFrom.secretKeyRef != null) {
        return secret(arg, arg.valueFrom.secretKeyRef);
      }
      // A Rollout resolves fieldRefs when it creates a run; a run made by hand has no Rollout.
      throw new IllegalArgumentException("argument " + arg.name + " has no value"
          + (arg.valueFrom != null && arg.valueFrom.fieldRef != null
              ? ": valueFrom.fieldRef is read from the Rollout that creates a run, so a run"
                  + " created without one must give the value itself" : ""));
    }

    private String secret(Argument arg, SecretKeySelector ref) {
      Map<String, String> secret = secrets.read(run.getMetadata().getNamespace(), ref.getName())
          .orElse(null);
      if (secret != null && secret.containsKey(ref.getKey())) {
        return secret.get(ref.getKey());
      }
      throw new IllegalArgumentException("argument " + arg.name + ": Secret " + ref.getName()
          + (secret == null ? " does not exist" : " has no key " + ref.getKey()));
    }
  }
}
