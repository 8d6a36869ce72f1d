package dev.ramp.engine;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.analysis.RolloutRuns;
import dev.ramp.engine.gates.GateAnswer;
import dev.ramp.engine.spec.EffectiveSpec;
import dev.ramp.engine.spec.RolloutProblems;
import dev.ramp.engine.workload.PodTemplates;
import dev.ramp.engine.workload.StrayReplicaSets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one decision sees: the snapshot read once, its ReplicaSets indexed by revision (an
 * adopted stray among them), with the spec as Ramp follows it ({@link #spec()}), what stops the
 * rollout ({@link #problems()}) and its AnalysisRuns ({@link #runs()}). When the spec itself is
 * invalid there is nothing to follow: {@link #spec()} and {@link #hash()} are null.
 */
public final class Observation {
  private final Snapshot snapshot;
  private final Instant now;
  private final Map<String, ReplicaSetView> byHash;
  private final RolloutRuns runs;
  private final RolloutProblems problems;
  private final EffectiveSpec spec;
  private final String hash;
  private final ReplicaSetView adopted;

  private Observation(Snapshot snapshot, Instant now, Map<String, ReplicaSetView> byHash,
      RolloutProblems problems, EffectiveSpec spec, String hash, ReplicaSetView adopted) {
    this.snapshot = snapshot;
    this.now = now;
    this.byHash = byHash;
    this.runs = RolloutRuns.of(snapshot.rollout(), snapshot.analysisRuns());
    this.problems = problems;
    this.spec = spec;
    this.hash = hash;
    this.adopted = adopted;
  }

  public static Observation of(Snapshot snapshot, Instant now) {
    Map<String, ReplicaSetView> byHash = new LinkedHashMap<>();
    snapshot.replicaSets().forEach(rs -> byHash.put(rs.hash(), rs));
    RolloutProblems specProblems = RolloutProblems.ofSpec(snapshot);
    if (specProblems.any()) {
      return new Observation(snapshot, now, byHash, specProblems, null, null, null);
    }
    EffectiveSpec spec = EffectiveSpec.of(snapshot.rollout().getSpec(), snapshot.workload());
    StrayReplicaSets.Verdict strays = StrayReplicaSets.judge(
        snapshot.strays(), spec.template(), spec.selector(), byHash.values());
    strays.adopted().ifPresent(rs -> byHash.put(rs.hash(), rs));
    String hash = PodTemplates.revision(spec.template(), byHash.values());
    return new Observation(snapshot, now, byHash,
        RolloutProblems.ofRevision(snapshot, hash, strays.problems()), spec, hash,
        strays.adopted().orElse(null));
  }

  public Instant now() {
    return now;
  }

  public Rollout rollout() {
    return snapshot.rollout();
  }

  /** The spec with its defaults applied; null when the spec itself is invalid. */
  public EffectiveSpec spec() {
    return spec;
  }

  /** True when something stops the rollout: see {@link #problems()}. */
  public boolean invalid() {
    return problems.any();
  }

  public RolloutProblems problems() {
    return problems;
  }

  /** The revision (pod-template-hash) of the template being rolled out. */
  public String hash() {
    return hash;
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

  public long highestRevision() {
    return byHash.values().stream().mapToLong(ReplicaSetView::revision).max().orElse(0);
  }

  /** The ReplicaSet name for a revision: {@code <rollout>-<hash>}. */
  public String replicaSetName(String revision) {
    return rollout().getMetadata().getName() + "-" + revision;
  }

  public Map<String, ServiceView> services() {
    return snapshot.services();
  }

  /** What the router's objects say now (only with a traffic router). */
  public RouterView router() {
    return snapshot.router();
  }

  public Map<String, AnalysisTemplateSpec> templates() {
    return snapshot.templates() == null ? Map.of() : snapshot.templates();
  }

  public RolloutRuns runs() {
    return runs;
  }

  /** The Experiments the rollout owns. */
  public List<RolloutExperimentView> experiments() {
    return snapshot.experiments() == null ? List.of() : snapshot.experiments();
  }

  /** What the gate or hook of the record answered for this decision, if it was asked. */
  public Optional<GateAnswer> answer(GateStatus record) {
    return snapshot.gateAnswers() == null ? Optional.empty()
        : snapshot.gateAnswers().stream().filter(a -> a.answers(record)).findFirst();
  }

  public WorkloadView workload() {
    return snapshot.workload();
  }

  public List<PodView> pods() {
    return snapshot.pods() == null ? List.of() : snapshot.pods();
  }
}
