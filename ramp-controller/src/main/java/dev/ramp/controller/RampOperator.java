package dev.ramp.controller;

import dev.ramp.controller.analysis.AnalysisRunReconciler;
import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.config.LeaderElection;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.experiment.ExperimentReconciler;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.controller.notifications.Notifier;
import dev.ramp.controller.observability.ReconcileMetrics;
import dev.ramp.controller.observability.StatusMetrics;
import dev.ramp.controller.rollout.RolloutReconciler;
import dev.ramp.metrics.MetricProviders;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ramp's controller: the JOSDK operator with Ramp's reconcilers registered for the configured
 * namespaces and instance, its metrics, and its part in leader election.
 */
public final class RampOperator implements AutoCloseable {
  /** Why the operator stopped. */
  public enum Stop { CLOSED, LEADERSHIP_LOST }

  private static final Logger LOG = LoggerFactory.getLogger(RampOperator.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final Clock clock;
  private final ControllerConfig config;
  private final StatusMetrics statusMetrics;
  private final Operator operator;
  private final Notifier notifier;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CompletableFuture<Stop> stopped = new CompletableFuture<>();

  /**
   * Starts reconciling, as a sole instance with default settings.
   *
   * @param namespaces the namespaces to watch; empty for all
   */
  public static RampOperator start(KubernetesClient client, Clock clock, Set<String> namespaces) {
    return create(client, clock, ControllerConfig.defaults().withNamespaces(namespaces),
        new SimpleMeterRegistry()).start();
  }

  /** An operator ready to {@link #start()}, recording its metrics in the registry. */
  public static RampOperator create(KubernetesClient client, Clock clock,
      ControllerConfig config, MeterRegistry registry) {
    return create(client, clock, config, registry, NotificationSettings.defaults());
  }

  /** An operator ready to {@link #start()} that notifies as the settings say. */
  public static RampOperator create(KubernetesClient client, Clock clock,
      ControllerConfig config, MeterRegistry registry, NotificationSettings notifications) {
    return new RampOperator(client, clock, config, registry, notifications);
  }

  private RampOperator(KubernetesClient client, Clock clock, ControllerConfig config,
      MeterRegistry registry, NotificationSettings notifications) {
    this.client = client;
    this.clock = clock;
    this.config = config;
    this.statusMetrics = new StatusMetrics(client, config, registry, clock);
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          // Plain merge patches instead of server-side apply: simpler to reason about, and they
          // work against every API server, the sandbox's included.
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withMetrics(new ReconcileMetrics(registry));
      config.leaderElection().ifPresent(election -> o
          .withLeaderElectionConfiguration(leaderElection(election))
          .withReconciliationTerminationTimeout(election.stopGrace()));
    });
    Consumer<ControllerConfigurationOverrider<?>> scope = controller -> {
      if (config.namespaces().isEmpty()) {
        controller.watchingAllNamespaces();
      } else {
        controller.settingNamespaces(config.namespaces());
      }
      controller.withLabelSelector(config.instanceSelector());
      // a change whose event was missed is noticed after this long at the latest
      controller.withReconciliationMaxInterval(config.resync());
    };
    EventRecorder events = new EventRecorder(client, clock);
    this.notifier = new Notifier(client, notifications, events, registry);
    operator.register(new RolloutReconciler(clock, events, notifier), scope::accept);
    MetricProviders providers = new MetricProviders(client,
        HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    operator.register(new AnalysisRunReconciler(clock, providers::forMetric, events),
        scope::accept);
    operator.register(new ExperimentReconciler(clock, events), scope::accept);
  }

  /**
   * Starts the informers and, unless it has to wait to be the leader, reconciling; returns once
   * the informers have synced.
   */
  public RampOperator start() {
    if (config.leaderElection().isEmpty()) {
      statusMetrics.start();
    }
    operator.start();
    return this;
  }

  private LeaderElectionConfiguration leaderElection(LeaderElection election) {
    return LeaderElectionConfigurationBuilder
        .aLeaderElectionConfiguration(LeaderElection.LEASE_NAME)
        .withLeaseNamespace(election.namespace())
        .withIdentity(election.identity())
        .withLeaseDuration(election.leaseDuration())
        .withRenewDeadline(election.renewDeadline())
        .withRetryPeriod(election.retryPeriod())
        .withLeaderCallbacks(new LeaderCallbacks(() -> startedLeading(election),
            this::stoppedLeading, leader -> LOG.info("Leader: {}", leader)))
        // JOSDK would call System.exit, in the middle of whatever write is under way:
        // stoppedLeading stops in order instead.
        .withExitOnStopLeading(false)
        .build();
  }

  private void startedLeading(LeaderElection election) {
    LOG.info("{} is the leader: reconciling", election.identity());
    statusMetrics.start();
  }

  /**
   * Another instance may take the Lease soon: reconciles under way finish (for at most
   * {@link LeaderElection#stopGrace()}), no new ones start, and {@link #awaitStop()} tells the
   * process to exit.
   */
  private void stoppedLeading() {
    if (!stopping.compareAndSet(false, true)) {
      return; // stopping anyway: a stopped leader no longer leads
    }
    LOG.warn("Lost leadership: finishing the reconciles under way, then stopping");
    // not on the leader elector's thread: stopping the operator waits for that thread's pool
    new Thread(() -> stopThen(Stop.LEADERSHIP_LOST), "ramp-leadership-lost").start();
  }

  private void stopThen(Stop reason) {
    try {
      operator.stop();
      notifier.close();
      statusMetrics.close();
      if (reason == Stop.CLOSED) {
        config.leaderElection().ifPresent(election ->
            LeaseRelease.release(client, election, clock));
      }
    } finally {
      stopped.complete(reason);
    }
  }

  /** Waits until the operator has stopped, and says why. */
  public Stop awaitStop() {
    return stopped.join();
  }

  /** Live until it stops (after a close, or having lost leadership). */
  public boolean alive() {
    return !stopping.get();
  }

  /** Ready once its informers have synced, and as long as their watches are healthy. */
  public boolean ready() {
    return alive() && operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Stops in order: reconciles under way finish first. */
  @Override
  public void close() {
    if (stopping.compareAndSet(false, true)) {
      stopThen(Stop.CLOSED);
    } else {
      stopped.join();
    }
  }
}
