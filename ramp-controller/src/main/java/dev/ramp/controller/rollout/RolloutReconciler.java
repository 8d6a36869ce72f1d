package dev.ramp.controller.rollout;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.ClusterAnalysisTemplate;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cluster.Actuator;
import dev.ramp.cluster.ReplicaSetOwners;
import dev.ramp.cluster.RolloutReferences;
import dev.ramp.cluster.routing.RouterProblem;
import dev.ramp.controller.errors.Doing;
import dev.ramp.controller.errors.UnexpectedErrors;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.gates.GateAsking;
import dev.ramp.controller.kube.HttpRouterPlugins;
import dev.ramp.controller.kube.KubernetesObjects;
import dev.ramp.controller.kube.StatusWriter;
import dev.ramp.controller.notifications.Notifier;
import dev.ramp.engine.Copies;
import dev.ramp.engine.Plan;
import dev.ramp.engine.RolloutEngine;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.Snapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imperative shell around the engine: observe the rollout and what it owns, decide, apply
 * the actions, write the status once, then record the Events. Status-only changes (a person
 * promoting or aborting) must wake it, so generation-aware filtering is off.
 */
@ControllerConfiguration(name = "rollouts", generationAwareEventProcessing = false)
// A failing reconcile is retried as long as it fails (the operator framework's default gives up
// after five retries, and a rollout waiting on a timer would then stall until the next change),
// soon at first and then every few seconds.
@GradualRetry(maxAttempts = -1, initialInterval = 500, intervalMultiplier = 2, maxInterval = 5_000)
public final class RolloutReconciler implements Reconciler<Rollout> {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutReconciler.class);
  private static final Duration AFTER_CONFLICT = Duration.ofMillis(200);
  private static final Duration UNREADABLE_RECHECK = Duration.ofMinutes(1);
  private static final int HTTP_UNPROCESSABLE = 422;

  private static final String READING =
      "reading the rollout's ReplicaSets, Services, Deployment, AnalysisRuns, Experiments and"
          + " routes";
  private static final String DECIDING = "deciding what to do";

  private final Clock clock;
  private final EventRecorder events;
  private final UnexpectedErrors errors;
  private final GateAsking gates = new GateAsking();
  private final Notifier notifier;

  public RolloutReconciler(Clock clock, EventRecorder events, Notifier notifier) {
    this.clock = clock;
    this.events = events;
    this.errors = new UnexpectedErrors(events, clock);
    this.notifier = notifier;
  }

  @Override
  public List<EventSource<?, Rollout>> prepareEventSources(EventSourceContext<Rollout> context) {
    // All ReplicaSets, not only Ramp's: one left by a deleted Deployment or Argo Rollout under a
    // rollout's selector is adopted or reported.
    SecondaryToPrimaryMapper<ReplicaSet> owners = Mappers.fromOwnerReferences(Rollout.class);
    var replicaSets = InformerEventSourceConfiguration.from(ReplicaSet.class, Rollout.class)
        .withSecondaryToPrimaryMapper(rs -> {
          Set<ResourceID> rollouts = owners.toPrimaryResourceIDs(rs);
          return rollouts.isEmpty() ? selecting(context, rs) : rollouts;
        })
        .build();
    var services = InformerEventSourceConfiguration.from(Service.class, Rollout.class)
        .withSecondaryToPrimaryMapper(s -> referencing(context, s, RolloutReferences::services))
        .build();
    var deployments = InformerEventSourceConfiguration.from(Deployment.class, Rollout.class)
        .withSecondaryToPrimaryMapper(d -> referencing(context, d, RolloutReferences::workload))
        .build();
    var runs = InformerEventSourceConfiguration.from(AnalysisRun.class, Rollout.class)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Rollout.class))
        .build();
    var experiments = InformerEventSourceConfiguration.from(Experiment.class, Rollout.class)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Rollout.class))
        .build();
    var templates = InformerEventSourceConfiguration.from(AnalysisTemplate.class, Rollout.class)
        .withSecondaryToPrimaryMapper(t -> referencing(context, t,
            spec -> templateNames(spec, false)))
        .build();
    var clusterTemplates = InformerEventSourceConfiguration
        .from(ClusterAnalysisTemplate.class, Rollout.class)
        .withSecondaryToPrimaryMapper(t -> referencing(context, t,
            spec -> templateNames(spec, true)))
        .build();
    // the notification queue asks for a reconcile when a delivery ended, to record it
    SimpleInboundEventSource<Rollout> deliveries = new SimpleInboundEventSource<>("deliveries");
    notifier.wakeWith(deliveries::propagateEvent);
    return List.of(
        deliveries,
        new InformerEventSource<>(replicaSets, context),
        new InformerEventSource<>(services, context),
        new InformerEventSource<>(deployments, context),
        new InformerEventSource<>(runs, context),
        new InformerEventSource<>(experiments, context),
        new InformerEventSource<>(templates, context),
        new InformerEventSource<>(clusterTemplates, context));
  }

  @Override
  public UpdateControl<Rollout> reconcile(Rollout cached, Context<Rollout> context) {
    Doing doing = new Doing(READING);
    try {
      return reconcile(cached, context, doing);
    } catch (RuntimeException e) {
      if (UnexpectedErrors.unexpected(e)) {
        RolloutStatus status = cached.getStatus() == null ? new RolloutStatus()
            : Copies.of(cached.getStatus());
        errors.report(cached, status, status.conditions, doing, e, context);
      }
      throw e; // counted, logged and retried with backoff
    }
  }

  private UpdateControl<Rollout> reconcile(Rollout cached, Context<Rollout> context,
      Doing doing) {
    if (cached.getStatus() != null && cached.getStatus().unreadable != null) {
      // Deciding from a status we cannot read would forget which revision is stable.
      String message = "Status could not be read (" + cached.getStatus().unreadable
          + "): nothing is changed until it is fixed";
      LOG.warn("{}: {}", name(cached), message);
      events.record(cached, true, "UnreadableStatus", message);
      return UpdateControl.<Rollout>noUpdate().rescheduleAfter(UNREADABLE_RECHECK);
    }
    Snapshot snapshot = SnapshotReader.read(cached, context);
    doing.now("asking the rollout's gates and hooks");
    snapshot = gates.ask(snapshot, context.getClient(), clock.instant());
    doing.now(DECIDING);
    Plan plan = RolloutEngine.decide(snapshot, clock.instant());
    if (plan.actions().isEmpty()) {
      return act(snapshot, plan, context, doing);
    }
    // About to act: on the Rollout as the API server has it. The cache may be behind (the
    // answer to the last status write lost, a watch cut), and acting on an older status redoes
    // or undoes a step, e.g. starts over an analysis that had already passed.
    doing.now("reading the Rollout from the API server");
    Rollout latest = context.getClient().resources(Rollout.class)
        .inNamespace(cached.getMetadata().getNamespace())
        .withName(cached.getMetadata().getName()).get();
    if (latest == null) {
      return UpdateControl.noUpdate(); // deleted meanwhile
    }
    if (latest.getMetadata().getResourceVersion()
        .equals(cached.getMetadata().getResourceVersion())) {
      return act(snapshot, plan, context, doing);
    }
    doing.now(READING);
    // the answers just got still count: asking again would call a hook twice
    Snapshot fresh = SnapshotReader.read(latest, context)
        .withGateAnswers(snapshot.gateAnswers());
    doing.now(DECIDING);
    return act(fresh, RolloutEngine.decide(fresh, clock.instant()), context, doing);
  }

  /** Applies the plan decided on the snapshot, writes the status, records the Events. */
  private UpdateControl<Rollout> act(Snapshot snapshot, Plan plan, Context<Rollout> context,
      Doing doing) {
    Rollout rollout = snapshot.rollout();
    Actuator actuator = new Actuator(
        new KubernetesObjects(context.getClient(), SnapshotReader.replicaSetSource(context)),
        HttpRouterPlugins.shared());
    try {
      actuator.apply(rollout, plan.actions(), doing::now);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HTTP_UNPROCESSABLE) {
        throw e;
      }
      // The API server found what Ramp wrote from the spec invalid (a bad pod template): that
      // is the user's to fix, so it is reported like any invalid spec.
      String refusal = e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage() : e.getMessage();
      doing.now(DECIDING);
      plan = RolloutEngine.decide(snapshot.withRefusal(refusal), clock.instant());
    } catch (RouterProblem problem) {
      // a router object went missing after it was read
      doing.now(DECIDING);
      plan = RolloutEngine.decide(snapshot.withRouterProblem(problem.getMessage()),
          clock.instant());
    }
    doing.now("recording notifications");
    Notifier.Changes notifications = notifier.prepare(rollout, plan.status(), plan.events(),
        snapshot.analysisRuns(), () -> context.getSecondaryResources(AnalysisRun.class).stream()
            .map(Notifier::asMap).toList(), clock.instant());
    doing.now("writing the status");
    UnexpectedErrors.clear(plan.status().conditions);
    try {
      Optional<Rollout> written = new StatusWriter(context.getClient()).write(rollout,
          plan.status());
      written.ifPresent(updated -> context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(rollout), updated, rollout));
      doing.now("sending notifications");
      notifier.written(written.orElse(rollout), notifications);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.debug("rollout {} changed while deciding; deciding again", name(rollout));
      return UpdateControl.<Rollout>noUpdate().rescheduleAfter(AFTER_CONFLICT);
    }
    doing.now("recording Events");
    for (RolloutEvent event : plan.events()) {
      LOG.info("{} {}: {}", name(rollout), event.reason(), event.message());
      events.record(rollout, event.warning(), event.reason(), event.message());
    }
    UpdateControl<Rollout> control = UpdateControl.noUpdate();
    return plan.requeueAfter() == null ? control : control.rescheduleAfter(plan.requeueAfter());
  }

  /**
   * The rollouts that name the object (through {@code names}): in its namespace, or in every
   * namespace for a cluster-scoped object.
   */
  private static Set<ResourceID> referencing(EventSourceContext<Rollout> context,
      HasMetadata object, Function<RolloutSpec, Stream<String>> names) {
    String name = object.getMetadata().getName();
    String namespace = object.getMetadata().getNamespace();
    return context.getPrimaryCache()
        .list(rollout -> (namespace == null
                || namespace.equals(rollout.getMetadata().getNamespace()))
            && names.apply(rollout.getSpec()).anyMatch(name::equals))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** The rollouts of the ReplicaSet's namespace whose selector makes it a stray of theirs. */
  private static Set<ResourceID> selecting(EventSourceContext<Rollout> context, ReplicaSet rs) {
    if (!ReplicaSetOwners.mayBeStray(rs)) {
      return Set.of();
    }
    return context.getPrimaryCache()
        .list(rs.getMetadata().getNamespace(), rollout -> rollout.getSpec() != null
            && ReplicaSetOwners.selects(rollout.getSpec().selector, rs))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Stream<String> templateNames(RolloutSpec spec, boolean clusterScope) {
    return RolloutReferences.templates(spec)
        .filter(ref -> Boolean.TRUE.equals(ref.clusterScope) == clusterScope)
        .map(ref -> ref.templateName);
  }

  private static String name(Rollout rollout) {
    return rollout.getMetadata().getNamespace() + "/" + rollout.getMetadata().getName();
  }
}
