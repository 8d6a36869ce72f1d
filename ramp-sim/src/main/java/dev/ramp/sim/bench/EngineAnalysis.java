package dev.ramp.sim.bench;

import dev.ramp.api.Baseline;
import dev.ramp.api.Phase;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.engine.analysis.RolloutAnalysisPlanner;
import dev.ramp.virtual.VirtualAnalysis;
import dev.ramp.virtual.VirtualCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.util.function.Function;

/**
 * An analysis that runs inside Ramp: the release is the Rollout of rollout.yaml, shipped through
 * Ramp's real engine and measurement loop on a {@link VirtualCluster}, one simulated second at a
 * time. The traffic router is simulated by the weight the engine sets (SetTrafficWeight) and the
 * Services' selectors, so the new version's share of the requests is exactly what Ramp gives it.
 * Only the metric provider is simulated: it reads the counters straight from the traffic.
 *
 * <p>With a fresh baseline the Rollout runs one ({@code baseline: {matchCanary: true}}), the
 * router gives its Service the canary's share, and the judge compares the canary with it
 * instead of with the stable version.
 */
final class EngineAnalysis implements ReleaseAnalysis {
  /** How long a new pod takes to become ready. */
  static final Duration POD_READY_DELAY = Duration.ofSeconds(5);
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final String NEW_IMAGE = "example/checkout:v2";

  private static final String BASELINE_SERVICE = "checkout-baseline";

  private final String name;
  private final Function<Scenario, MeasurementSource> sources;
  private final boolean baseline;

  /** @param sources the simulated metric provider of one release of a scenario */
  EngineAnalysis(String name, Function<Scenario, MeasurementSource> sources) {
    this(name, sources, false);
  }

  /** @param baseline whether the judge compares the canary with a fresh baseline */
  EngineAnalysis(String name, Function<Scenario, MeasurementSource> sources, boolean baseline) {
    this.name = name;
    this.sources = sources;
    this.baseline = baseline;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ReleaseOutcome ship(Scenario scenario, Traffic traffic) {
    return new Release(scenario, sources.apply(scenario), baseline).ship(traffic);
  }

  /** One release: the cluster, its controller, and what the revisions served. */
  private static final class Release {
    private final Rollout rollout = Manifests.rollout();
    private final VirtualCluster cluster =
        new VirtualCluster(rollout);
    private final RevisionCounters counters = new RevisionCounters();
    private final ControllerLoop controller;

    Release(Scenario scenario, MeasurementSource source, boolean baseline) {
      if (baseline) {
        compareWithFreshBaseline();
      }
      AnalysisTemplate template = Manifests.analysisTemplate();
      if (scenario.incident() != null) {
        Metric judge = template.getSpec().metrics.get(0);
        judge.interval = new IntOrString(scenario.incident().judgeInterval().toSeconds() + "s");
        judge.initialDelay = new IntOrString(scenario.incident().judgeDelay().toSeconds() + "s");
      }
      cluster.templates.put(template.getMetadata().getName(), template.getSpec());
      var canary = rollout.getSpec().strategy.canary;
      for (String service : new String[] {canary.stableService, canary.canaryService,
          canary.baselineService}) {
        if (service != null) {
          cluster.addService(service);
        }
      }
      cluster.objects.installCrd(RouterKind.HTTP_ROUTE.crdName());
      cluster.objects.create(Manifests.httpRoute());
      cluster.podReadyDelay = POD_READY_DELAY;
      VirtualAnalysis analysis = new VirtualAnalysis(metric -> source.measure(metric.name,
          counters.reading(metric.provider.compare.canaryRevision,
              metric.provider.compare.stableRevision)));
      controller = new ControllerLoop(cluster, analysis);
    }

    /** A fresh baseline that matches the canary, and the judge's stable side on it. */
    private void compareWithFreshBaseline() {
      var canary = rollout.getSpec().strategy.canary;
      canary.baseline = new Baseline();
      canary.baseline.matchCanary = true;
      canary.baselineService = BASELINE_SERVICE;
      canary.analysis.args.stream().filter(arg -> arg.name.equals("stable")).findFirst()
          .orElseThrow().valueFrom.fieldRef.fieldPath = "status.canary.baselineRevision";
    }

    ReleaseOutcome ship(Traffic traffic) {
      deployFirstVersion();
      String stable = cluster.status().stableRevision;
      cluster.setImage(NEW_IMAGE);
      controller.edited();
      ReleaseRecord record = new ReleaseRecord();
      while (true) {
        controller.settle();
        String updated = cluster.status().updatedRevision;
        double share = newShare(updated);
        String baselineRevision = cluster.status().canary.baselineRevision;
        double baselineShare = baselineRevision == null ? 0 : baselineShare(baselineRevision);
        if (judged()) {
          record.decided();
        }
        if (Phase.Aborted.name().equals(cluster.status().phase) && share == 0) {
          record.rolledBack();
        } else if (share == 1) {
          record.promoted();
        }
        if (record.over()) {
          return record.outcome();
        }
        Traffic.Second second = traffic.next(share, baselineShare);
        counters.add(updated, second.newRequests(), second.newErrors());
        if (baselineRevision != null) {
          counters.add(baselineRevision, second.baselineRequests(), second.baselineErrors());
        }
        counters.add(stable, second.stableRequests(), second.stableErrors());
        record.served(second);
        cluster.now = cluster.now.plus(SECOND);
      }
    }

    private void deployFirstVersion() {
      for (long s = 0; s < ReleaseRecord.HORIZON_SECONDS; s++) {
        controller.settle();
        if (Phase.Healthy.name().equals(cluster.status().phase)) {
          return;
        }
        cluster.now = cluster.now.plus(SECOND);
      }
      throw new IllegalStateException("the first version never became healthy: "
          + cluster.status().message);
    }

    /**
     * The new version's share of the requests: the router sends the canary's weight to the
     * canary Service, a fresh baseline's to the baseline Service and the rest to the stable
     * Service; each Service reaches the revision its selector is pinned to.
     */
    private double newShare(String updated) {
      var canary = rollout.getSpec().strategy.canary;
      double weight = cluster.router().canaryWeight() / 100.0;
      double stable = 1 - weight
          - cluster.router().extraWeights().values().stream().mapToInt(w -> w).sum() / 100.0;
      return weight * reaches(canary.canaryService, updated)
          + stable * reaches(canary.stableService, updated);
    }

    /** The fresh baseline's share of the requests. */
    private double baselineShare(String baselineRevision) {
      var canary = rollout.getSpec().strategy.canary;
      return cluster.router().extraWeight(canary.baselineService) / 100.0
          * reaches(canary.baselineService, baselineRevision);
    }

    private int reaches(String service, String revision) {
      return revision.equals(cluster.service(service).pinnedHash()) ? 1 : 0;
    }

    /** Whether the background analysis has reached a verdict: a measurement that decided. */
    private boolean judged() {
      AnalysisRun run = cluster.analysisRun(RolloutAnalysisPlanner.BACKGROUND);
      if (run == null || run.getStatus() == null || run.getStatus().metricResults == null) {
        return false;
      }
      return run.getStatus().metricResults.stream().anyMatch(Release::decided);
    }

    private static boolean decided(MetricResult result) {
      return result.successful != null && result.successful > 0
          || result.failed != null && result.failed > 0;
    }
  }
}
