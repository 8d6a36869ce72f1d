package dev.ramp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.bluegreen.BlueGreenSteps;
import dev.ramp.engine.canary.CanarySteps;
import dev.ramp.engine.spec.Percentages;
import dev.ramp.engine.spec.SpecValidator;
import dev.ramp.engine.workload.PodTemplates;
import dev.ramp.engine.workload.StrayReplicaSets;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot read once, with the spec's defaults applied and the ReplicaSets indexed by revision.
 * When the spec is invalid only {@link #problems()} and {@link #now()} are meaningful.
 */
public final class Observation {
  static final String DEFAULT_MAX_SURGE = "25%";
  private static final String REFUSED = "the API server refused the ReplicaSet of revision ";
  static final String DEFAULT_MAX_UNAVAILABLE = "25%";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Snapshot snapshot;
  private final Instant now;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, ReplicaSetView> byHash = new LinkedHashMap<>();
  private ReplicaSetView adopted;
  private String refusal;
  private CanarySteps steps;
  private PodTemplateSpec template;
  private LabelSelector selector;
  private String hash;
  private int replicas;
  private int maxSurge;
  private int maxUnavailable;

  private Observation(Snapshot snapshot, Instant now) {
    this.snapshot = snapshot;
    this.now = now;
    snapshot.replicaSets().forEach(rs -> byHash.put(rs.hash(), rs));
    problems.addAll(Messages.bounded(validate()));
    if (problems.isEmpty()) {
      derive();
      refusal().map(refused -> Messages.shorten(refused, Messages.PROBLEM_CHARS))
          .ifPresent(problems::add);
    }
  }

  public static Observation of(Snapshot snapshot, Instant now) {
    return new Observation(snapshot, now);
  }

  private List<String> validate() {
    RolloutSpec spec = snapshot.rollout().getSpec();
    List<String> found = new ArrayList<>(SpecValidator.check(spec));
    if (found.isEmpty()) {
      WorkloadView workload = snapshot.workload();
      found.addAll(SpecValidator.checkReferences(
          spec,
          snapshot.services()::containsKey,
          workload == null ? null : workload.template(),
          workload == null ? null : workload.selector()));
      PodTemplateSpec template = spec.template != null ? spec.template
          : workload == null ? null : workload.template();
      if (template != null && found.isEmpty()) {
        found.addAll(SpecValidator.checkOverlaps(
            spec.selector != null ? spec.selector : workload.selector(), template,
            snapshot.others()));
      }
      found.addAll(SpecValidator.checkAnalyses(spec, templates(), rolloutJson(
          "stable-revision", "updated-revision")));
      if (snapshot.routerProblem() != null) {
        found.add(snapshot.routerProblem());
      }
    }
    return found;
  }

  /**
   * The API server's refusal of this revision's ReplicaSet: just now, or earlier, as the status
   * records it (then it stands until the template changes, since sending the same template again
   * would be refused again).
   */
  private Optional<String> refusal() {
    RolloutStatus status = snapshot.rollout().getStatus();
    refusal = snapshot.refusal() != null
        ? Messages.shorten(snapshot.refusal(), Messages.PROBLEM_CHARS)
        : status != null && hash.equals(status.refusedRevision) ? status.refusal : null;
    return Optional.ofNullable(refusal).map(message -> REFUSED + hash + ": " + message);
  }

  /** The revision the API server refused, if that is why the rollout is invalid. */
  public String refusedRevision() {
    return refusal != null ? hash : null;
  }

  /** What the API server said when it refused {@link #refusedRevision()}, or null. */
  public String refusalMessage() {
    return refusal;
  }

  private void derive() {
    RolloutSpec spec = spec();
    CanaryStrategy canary = canary();
    replicas = spec.replicas == null ? 1 : spec.replicas;
    steps = canary != null ? new CanarySteps(canary.steps)
        : BlueGreenSteps.of(blueGreen(), replicas);
    WorkloadView workload = snapshot.workload();
    template = spec.template != null ? spec.template : workload.template();
    selector = spec.selector != null ? spec.selector : workload.selector();
    judgeStrays();
    String computed = PodTemplates.hash(template);
    // A template copied back from a ReplicaSet (undo) carries the API server's defaults, and an
    // adopted ReplicaSet was labelled by whoever made it: so the hash may differ from the
    // revision the template is; equality finds that revision.
    hash = byHash.containsKey(computed)
        ? computed
        : byHash.values().stream()
            .filter(rs -> rs.template() != null && PodTemplates.same(rs.template(), template))
            .map(ReplicaSetView::hash)
            .findFirst()
            .orElse(computed);
    maxSurge = Percentages.resolve(canary == null ? null : canary.maxSurge, DEFAULT_MAX_SURGE,
        replicas, true);
    maxUnavailable = Percentages.resolve(canary == null ? null : canary.maxUnavailable,
        DEFAULT_MAX_UNAVAILABLE, replicas, false);
    if (maxSurge == 0 && maxUnavailable == 0) {
      maxUnavailable = 1; // as Deployments do, so that a rolling change can always move
    }
  }

  /** Adopts the stray ReplicaSet that runs the rollout's template; the others are problems. */
  private void judgeStrays() {
    StrayReplicaSets.Verdict verdict =
        StrayReplicaSets.judge(snapshot.strays(), template, selector, byHash.values());
    problems.addAll(Messages.bounded(verdict.problems()));
    verdict.adopted().ifPresent(rs -> {
      adopted = rs;
      byHash.put(rs.hash(), rs);
    });
  }

  public Instant now() {
    return now;
  }

  public Rollout rollout() {
    return snapshot.rollout();
  }

  public RolloutSpec spec() {
    return snapshot.rollout().getSpec();
  }

  /** The canary strategy, or null for a blue-green rollout. */
  public CanaryStrategy canary() {
    return spec().strategy.canary;
  }

  /** The blue-green strategy, or null for a canary. */
  public BlueGreenStrategy blueGreen() {
    return spec().strategy.blueGreen;
  }

  /** "canary" or "blueGreen", as the field is named in the spec. */
  public String strategyName() {
    return canary() != null ? "canary" : "blueGreen";
  }

  /** The analysis that runs in the background while a canary is updated, or null. */
  public RolloutAnalysis backgroundAnalysis() {
    return canary() == null ? null : canary().analysis;
  }

  public boolean invalid() {
    return !problems.isEmpty();
  }

  public List<String> problems() {
    return problems;
  }

  /** Desired replicas when the rollout is complete. */
  public int replicas() {
    return replicas;
  }

  public CanarySteps steps() {
    return steps;
  }

  /** The pod template being rolled out (from spec.template or the workloadRef Deployment). */
  public PodTemplateSpec template() {
    return template;
  }

  public LabelSelector selector() {
    return selector;
  }

  /** The revision (pod-template-hash) of the template being rolled out. */
  public String hash() {
    return hash;
  }

  public int maxSurge() {
    return maxSurge;
  }

  public int maxUnavailable() {
    return maxUnavailable;
  }

  /**
   * True when the stable ReplicaSet gives up the pods the canary takes: always without a traffic
   * router (the canary's share of the pods is its weight), with one under dynamicStableScale.
   */
  public boolean dynamicStableScale() {
    return basicCanary() || (routed() && Boolean.TRUE.equals(canary().dynamicStableScale));
  }

  /** A canary without a traffic router: its share of the pods is its share of the requests. */
  public boolean basicCanary() {
    return canary() != null && !routed();
  }

  public boolean userPaused() {
    return Boolean.TRUE.equals(spec().paused);
  }

  public Duration progressDeadline() {
    Integer seconds = spec().progressDeadlineSeconds;
    return Duration.ofSeconds(seconds == null ? 600 : seconds);
  }

  public boolean progressDeadlineAbort() {
    return Boolean.TRUE.equals(spec().progressDeadlineAbort);
  }

  public Duration scaleDownDelay() {
    return seconds(canary() != null ? canary().scaleDownDelaySeconds
        : blueGreen().scaleDownDelaySeconds, 30);
  }

  public Duration abortScaleDownDelay() {
    return seconds(canary() != null ? canary().abortScaleDownDelaySeconds
        : blueGreen().abortScaleDownDelaySeconds, 30);
  }

  /**
   * True when a router or a Service switch takes the users away from an aborted or replaced
   * revision before its pods go, so they can be kept for abortScaleDownDelaySeconds. Without,
   * a canary's pods serve users for as long as they exist.
   */
  public boolean trafficLeavesFirst() {
    return routed() || blueGreen() != null;
  }

  private static Duration seconds(Integer seconds, int fallback) {
    return Duration.ofSeconds(seconds == null ? fallback : seconds);
  }

  public int revisionHistoryLimit() {
    Integer limit = spec().revisionHistoryLimit;
    return limit == null ? 10 : limit;
  }

  /** The ReplicaSet the rollout adopts in this decision (already among its own), if any. */
  public Optional<ReplicaSetView> adopted() {
    return Optional.ofNullable(adopted);
  }

  public Optional<ReplicaSetView> replicaSet(String revision) {
    return Optional.ofNullable(revision == null ? null : byHash.get(revision));
  }

  public Collection<ReplicaSetView> replicaSets() {
    return byHash.values();
  }

  public int available(String revision) {
    return replicaSet(revision).map(ReplicaSetView::availableReplicas).orElse(0);
  }

  /** True when the revision's ReplicaSet wants {@code count} pods and all are available. */
  public boolean fullyAvailable(String revision, int count) {
    return replicaSet(revision)
        .map(rs -> rs.replicas() == count && rs.availableReplicas() >= count)
        .orElse(count == 0);
  }

  public int totalAvailable() {
    return byHash.values().stream().mapToInt(ReplicaSetView::availableReplicas).sum();
  }

  public Map<String, ServiceView> services() {
    return snapshot.services();
  }

  /** True when a traffic router sets the canary's share of requests. */
  public boolean routed() {
    return canary() != null && canary().trafficRouting != null;
  }

  /** What the router's objects say now (only with {@link #routed()}). */
  public RouterView router() {
    return snapshot.router();
  }

  /** True when the router splits by subsets Ramp pins to revisions (Istio DestinationRule). */
  public boolean pinsSubsets() {
    return routed() && canary().trafficRouting.istio != null
        && canary().trafficRouting.istio.destinationRule != null;
  }

  public Map<String, AnalysisTemplateSpec> templates() {
    return snapshot.templates() == null ? Map.of() : snapshot.templates();
  }

  public List<AnalysisRunView> analysisRuns() {
    return snapshot.analysisRuns() == null ? List.of() : snapshot.analysisRuns();
  }

  /**
   * The run in use for a revision and kind: the newest one that is not terminated or that the
   * status still names. A run is terminated by the decision that stops needing it, before the
   * status saying so is written; a controller that dies in between must still count the run's
   * verdict, not run the analysis again (and perhaps forget that it failed).
   */
  public Optional<AnalysisRunView> currentRun(String revision, String kind) {
    List<String> named = runsNamedInStatus();
    return analysisRuns().stream()
        .filter(run -> run.revision().equals(revision) && run.kind().equals(kind)
            && (!run.terminated() || named.contains(run.name())))
        .max(java.util.Comparator.comparingInt(run -> attempt(run.name())));
  }

  private List<String> runsNamedInStatus() {
    RolloutStatus status = snapshot.rollout().getStatus();
    List<String> named = new ArrayList<>();
    if (status != null && status.canary != null) {
      named.add(status.canary.currentStepAnalysisRun);
      named.add(status.canary.backgroundAnalysisRun);
    }
    if (status != null && status.blueGreen != null) {
      named.add(status.blueGreen.prePromotionAnalysisRun);
      named.add(status.blueGreen.postPromotionAnalysisRun);
    }
    return named;
  }

  /** The name of a new run for a revision and kind: numbered after the ones there were. */
  public String nextRunName(String revision, String kind) {
    String base = rollout().getMetadata().getName() + "-" + revision + "-" + kind;
    long before = analysisRuns().stream()
        .filter(run -> run.revision().equals(revision) && run.kind().equals(kind)).count();
    return before == 0 ? base : base + "." + (before + 1);
  }

  private static int attempt(String name) {
    int dot = name.lastIndexOf('.');
    try {
      return dot < 0 ? 1 : Integer.parseInt(name.substring(dot + 1));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The rollout as JSON for fieldRefs, with the revisions as they are being decided. */
  public JsonNode rolloutJson(String stableRevision, String updatedRevision) {
    ObjectNode json = JSON.valueToTree(rollout());
    ObjectNode status = json.with("status");
    status.put("stableRevision", stableRevision);
    status.put("updatedRevision", updatedRevision);
    return json;
  }

  public WorkloadView workload() {
    return snapshot.workload();
  }

  public List<PodView> pods() {
    return snapshot.pods() == null ? List.of() : snapshot.pods();
  }

  public long highestRevision() {
    return byHash.values().stream().mapToLong(ReplicaSetView::revision).max().orElse(0);
  }

  /** The ReplicaSet name for a revision: {@code <rollout>-<hash>}. */
  public String replicaSetName(String revision) {
    return rollout().getMetadata().getName() + "-" + revision;
  }
}
