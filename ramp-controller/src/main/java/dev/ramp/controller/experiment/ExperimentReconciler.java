package dev.ramp.controller.experiment;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.ClusterAnalysisTemplate;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentAnalysis;
import dev.ramp.api.experiment.ExperimentStatus;
import dev.ramp.cluster.ExperimentActuator;
import dev.ramp.controller.errors.Doing;
import dev.ramp.controller.errors.UnexpectedErrors;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.kube.KubernetesObjects;
import dev.ramp.controller.kube.StatusWriter;
import dev.ramp.engine.Copies;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.experiment.ExperimentEngine;
import dev.ramp.engine.experiment.ExperimentObservation;
import dev.ramp.engine.experiment.ExperimentObservation.ReplicaSetState;
import dev.ramp.engine.experiment.ExperimentObservation.RunState;
import dev.ramp.engine.experiment.ExperimentPlan;
import dev.ramp.engine.experiment.ExperimentPods;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imperative shell around {@link ExperimentEngine}: observe the experiment and what it owns,
 * decide, apply the actions, write the status once, then record the Events. An error Ramp did
 * not expect shows on the experiment as it does on a Rollout ({@link UnexpectedErrors}).
 */
@ControllerConfiguration(name = "experiments", generationAwareEventProcessing = false)
// Retried as long as it fails, as the rollouts' reconciler is: an experiment waits on timers.
@GradualRetry(maxAttempts = -1, initialInterval = 500, intervalMultiplier = 2, maxInterval = 5_000)
public final class ExperimentReconciler implements Reconciler<Experiment> {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentReconciler.class);
  private static final Duration AFTER_CONFLICT = Duration.ofMillis(200);
  private static final int HTTP_UNPROCESSABLE = 422;
  private static final String DECIDING = "deciding what to do";

  private static final String READING =
      "reading the experiment's ReplicaSets, Services, AnalysisRuns and analysis templates";

  private final Clock clock;
  private final EventRecorder events;
  private final UnexpectedErrors errors;

  public ExperimentReconciler(Clock clock, EventRecorder events) {
    this.clock = clock;
    this.events = events;
    this.errors = new UnexpectedErrors(events, clock);
  }

  @Override
  public List<EventSource<?, Experiment>> prepareEventSources(
      EventSourceContext<Experiment> context) {
    // only what an experiment made: its objects carry the experiment's label
    var replicaSets = InformerEventSourceConfiguration.from(ReplicaSet.class, Experiment.class)
        .withName("experiment-replicasets").withLabelSelector(ExperimentPods.EXPERIMENT)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Experiment.class)).build();
    var services = InformerEventSourceConfiguration.from(Service.class, Experiment.class)
        .withName("experiment-services").withLabelSelector(ExperimentPods.EXPERIMENT)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Experiment.class)).build();
    var runs = InformerEventSourceConfiguration.from(AnalysisRun.class, Experiment.class)
        .withName("experiment-analysisruns").withLabelSelector(ExperimentPods.EXPERIMENT)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Experiment.class)).build();
    var templates = InformerEventSourceConfiguration.from(AnalysisTemplate.class,
            Experiment.class)
        .withName("experiment-templates")
        .withSecondaryToPrimaryMapper(t -> naming(context, t, false)).build();
    var clusterTemplates = InformerEventSourceConfiguration.from(ClusterAnalysisTemplate.class,
            Experiment.class)
        .withName("experiment-clustertemplates")
        .withSecondaryToPrimaryMapper(t -> naming(context, t, true)).build();
    return List.of(
        new InformerEventSource<>(replicaSets, context),
        new InformerEventSource<>(services, context),
        new InformerEventSource<>(runs, context),
        new InformerEventSource<>(templates, context),
        new InformerEventSource<>(clusterTemplates, context));
  }

  @Override
  public UpdateControl<Experiment> reconcile(Experiment experiment,
      Context<Experiment> context) {
    Doing doing = new Doing(READING);
    try {
      return reconcile(experiment, context, doing);
    } catch (RuntimeException e) {
      if (UnexpectedErrors.unexpected(e)) {
        ExperimentStatus status = experiment.getStatus() == null ? new ExperimentStatus()
            : Copies.of(experiment.getStatus());
        if (status.conditions == null) {
          status.conditions = new ArrayList<>();
        }
        errors.report(experiment, status, status.conditions, doing, e, context);
      }
      throw e; // counted, logged and retried with backoff
    }
  }

  private UpdateControl<Experiment> reconcile(Experiment experiment,
      Context<Experiment> context, Doing doing) {
    ExperimentObservation observation = observe(experiment, context);
    doing.now(DECIDING);
    ExperimentPlan plan = ExperimentEngine.decide(observation, clock.instant());
    doing.now("creating, scaling and stopping what the experiment runs");
    try {
      new ExperimentActuator(new KubernetesObjects(context.getClient()))
          .apply(experiment, plan.actions());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HTTP_UNPROCESSABLE) {
        throw e;
      }
      // the API server found an object made from the spec invalid: the user's to fix
      String refusal = e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage() : e.getMessage();
      doing.now(DECIDING);
      plan = ExperimentEngine.decide(observation.withRefusal(refusal), clock.instant());
    }
    doing.now("writing the status");
    UnexpectedErrors.clear(plan.status().conditions);
    try {
      new StatusWriter(context.getClient()).write(experiment, plan.status())
          .ifPresent(written -> context.eventSourceRetriever().getControllerEventSource()
              .handleRecentResourceUpdate(ResourceID.fromResource(experiment), written,
                  experiment));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return UpdateControl.<Experiment>noUpdate().rescheduleAfter(AFTER_CONFLICT);
    }
    doing.now("recording Events");
    for (RolloutEvent event : plan.events()) {
      LOG.info("experiment {}/{} {}: {}", experiment.getMetadata().getNamespace(),
          experiment.getMetadata().getName(), event.reason(), event.message());
      events.record(experiment, event.warning(), event.reason(), event.message());
    }
    UpdateControl<Experiment> control = UpdateControl.noUpdate();
    return plan.requeueAfter() == null ? control : control.rescheduleAfter(plan.requeueAfter());
  }

  private static ExperimentObservation observe(Experiment experiment,
      Context<Experiment> context) {
    Map<String, ReplicaSetState> replicaSets = context.getSecondaryResources(ReplicaSet.class)
        .stream().filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
        .collect(Collectors.toMap(rs -> rs.getMetadata().getName(), rs -> new ReplicaSetState(
            count(rs.getSpec().getReplicas()),
            rs.getStatus() == null ? 0 : count(rs.getStatus().getReadyReplicas()),
            rs.getStatus() == null ? 0 : count(rs.getStatus().getAvailableReplicas()))));
    Set<String> services = context.getSecondaryResources(Service.class).stream()
        .filter(s -> s.getMetadata().getDeletionTimestamp() == null)
        .map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
    Map<String, RunState> runs = context.getSecondaryResources(AnalysisRun.class).stream()
        .collect(Collectors.toMap(run -> run.getMetadata().getName(), run -> new RunState(
            AnalysisPhase.of(run.getStatus() == null ? null : run.getStatus().phase),
            run.getStatus() == null ? null : run.getStatus().message,
            Boolean.TRUE.equals(run.getSpec().terminate))));
    return new ExperimentObservation(experiment, replicaSets, services, runs,
        templates(experiment, context), null);
  }

  /** The analysis templates the experiment names that exist. */
  private static Map<String, AnalysisTemplateSpec> templates(Experiment experiment,
      Context<Experiment> context) {
    Map<String, AnalysisTemplateSpec> templates = new HashMap<>();
    for (ExperimentAnalysis analysis : analyses(experiment)) {
      if (analysis.templateName == null) {
        continue;
      }
      boolean cluster = Boolean.TRUE.equals(analysis.clusterScope);
      Optional<? extends CustomResource<AnalysisTemplateSpec, Void>> template = cluster
          ? cached(context, ClusterAnalysisTemplate.class, "experiment-clustertemplates",
              new ResourceID(analysis.templateName))
          : cached(context, AnalysisTemplate.class, "experiment-templates",
              new ResourceID(analysis.templateName, experiment.getMetadata().getNamespace()));
      template.ifPresent(t -> templates.put(ExperimentObservation.templateKey(
          analysis.templateName, analysis.clusterScope), t.getSpec()));
    }
    return templates;
  }

  private static <R extends HasMetadata> Optional<R> cached(Context<Experiment> context,
      Class<R> type, String source, ResourceID id) {
    @SuppressWarnings("unchecked")
    InformerEventSource<R, Experiment> informer = (InformerEventSource<R, Experiment>)
        context.eventSourceRetriever().getEventSourceFor(type, source);
    return informer.get(id);
  }

  /** The experiments of the template's namespace (or all, for a cluster template) naming it. */
  private static Set<ResourceID> naming(EventSourceContext<Experiment> context,
      HasMetadata template, boolean clusterScope) {
    String name = template.getMetadata().getName();
    String namespace = template.getMetadata().getNamespace();
    return context.getPrimaryCache()
        .list(e -> (namespace == null || namespace.equals(e.getMetadata().getNamespace()))
            && analyses(e).stream().anyMatch(a -> name.equals(a.templateName)
                && Boolean.TRUE.equals(a.clusterScope) == clusterScope))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static List<ExperimentAnalysis> analyses(Experiment experiment) {
    return experiment.getSpec() == null || experiment.getSpec().analyses == null ? List.of()
        : experiment.getSpec().analyses;
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}
