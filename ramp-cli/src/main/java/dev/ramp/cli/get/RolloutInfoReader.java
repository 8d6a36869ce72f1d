package dev.ramp.cli.get;

import static dev.ramp.cli.cluster.RevisionLabels.hash;
import static dev.ramp.cli.cluster.RevisionLabels.label;
import static dev.ramp.cli.cluster.RevisionLabels.revision;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.cli.cluster.Images;
import dev.ramp.cli.cluster.Rollouts;
import dev.ramp.cli.cluster.StatusView;
import dev.ramp.engine.gates.GatePoint;
import dev.ramp.cli.get.RolloutInfo.AnalysisRunInfo;
import dev.ramp.cli.get.RolloutInfo.Image;
import dev.ramp.cli.get.RolloutInfo.MeasurementInfo;
import dev.ramp.cli.get.RolloutInfo.MetricInfo;
import dev.ramp.cli.get.RolloutInfo.PodInfo;
import dev.ramp.cli.get.RolloutInfo.ReplicaSetInfo;
import dev.ramp.cli.get.RolloutInfo.Replicas;
import dev.ramp.cli.get.RolloutInfo.Revision;
import dev.ramp.cli.get.RolloutInfo.Weights;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads a rollout and the objects it owns from the cluster, into a {@link RolloutInfo}. */
final class RolloutInfoReader {
  /** The roles of the old and the new revision, as each strategy names them. */
  private record Roles(String stable, String updated) {
    static final Roles CANARY = new Roles("stable", "canary");
    static final Roles BLUE_GREEN = new Roles("active", "preview");
  }

  private RolloutInfoReader() {}

  static RolloutInfo read(Rollouts rollouts, String name) {
    Rollout rollout = rollouts.get(name);
    List<ReplicaSet> replicaSets = rollouts.replicaSets(rollout);
    return of(rollout, replicaSets, rollouts.pods(replicaSets), rollouts.analysisRuns(rollout));
  }

  private static RolloutInfo of(Rollout rollout, List<ReplicaSet> replicaSets, List<Pod> pods,
      List<AnalysisRun> runs) {
    StatusView view = new StatusView(rollout);
    RolloutStatus status = view.status();
    Roles roles = view.blueGreen() ? Roles.BLUE_GREEN : Roles.CANARY;
    String updated = view.updating() ? status.updatedRevision : null;
    List<Revision> revisions = replicaSets.stream()
        .sorted(Comparator.comparing((ReplicaSet rs) -> revision(rs)).reversed())
        .map(rs -> revisionOf(rs, roles(hash(rs), view, updated, roles), pods,
            Objects.equals(hash(rs), status.updatedRevision) ? analysisRuns(view, runs)
                : List.of()))
        .toList();
    return new RolloutInfo(view.name(), rollout.getMetadata().getNamespace(),
        rollout.getMetadata().getCreationTimestamp(), view.phaseName(), status.message,
        view.blueGreen() ? "BlueGreen" : "Canary",
        view.stepCount() == 0 ? "no steps" : view.stepDescription(),
        updated == null || view.blueGreen() ? null : weights(rollout, revisions, updated),
        images(revisions, roles), replicas(rollout, status), gates(status), revisions);
  }

  private static List<RolloutInfo.Gate> gates(RolloutStatus status) {
    return status.gates == null ? List.of() : status.gates.stream()
        .map(g -> new RolloutInfo.Gate(GatePoint.of(g.point).map(p -> p.describe(g.name))
            .orElse(g.point + " " + g.name), g.revision, g.phase, g.message))
        .toList();
  }

  /** The revision users are on: a blue-green rollout's active one, a canary's stable one. */
  private static String active(StatusView view) {
    RolloutStatus status = view.status();
    return view.blueGreen() && status.blueGreen != null && status.blueGreen.activeSelector != null
        ? status.blueGreen.activeSelector : status.stableRevision;
  }

  private static Weights weights(Rollout rollout, List<Revision> revisions, String canary) {
    RolloutStatus status = rollout.getStatus();
    int available = revisions.stream().mapToInt(r -> r.replicaSet().available()).sum();
    int canaryAvailable = revisions.stream().filter(r -> canary.equals(r.hash()))
        .mapToInt(r -> r.replicaSet().available()).sum();
    int set = status.canary == null || status.canary.weight == null ? 0 : status.canary.weight;
    var strategy = rollout.getSpec().strategy;
    boolean router = strategy != null && strategy.canary != null
        && strategy.canary.trafficRouting != null;
    int actual = router ? set
        : available == 0 ? 0 : Math.round(100f * canaryAvailable / available);
    return new Weights(set, actual, router, canaryAvailable, available);
  }

  /** The images of the stable and the new revision, stable first. */
  private static List<Image> images(List<Revision> revisions, Roles names) {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    revisions.stream().filter(r -> !r.roles().isEmpty())
        .sorted(Comparator.comparing(r -> !r.roles().contains(names.stable())))
        .forEach(r -> r.replicaSet().images().forEach(image -> {
          List<String> of = roles.computeIfAbsent(image, i -> new ArrayList<>());
          r.roles().stream().filter(role -> !of.contains(role)).forEach(of::add);
        }));
    return roles.entrySet().stream().map(e -> new Image(e.getKey(), e.getValue())).toList();
  }

  private static Replicas replicas(Rollout rollout, RolloutStatus status) {
    Integer desired = rollout.getSpec() == null ? null : rollout.getSpec().replicas;
    return new Replicas(desired == null ? 1 : desired, orZero(status.replicas),
        orZero(status.updatedReplicas), orZero(status.readyReplicas),
        orZero(status.availableReplicas));
  }

  /**
   * A revision's roles: the one users are on (a blue-green rollout's active Service leaves the
   * stable revision at the switch, which stays as "previous" for a switch back), and the one
   * being rolled out, and a canary's fresh baseline.
   */
  private static List<String> roles(String hash, StatusView view, String updated, Roles names) {
    List<String> roles = new ArrayList<>();
    String active = active(view);
    if (Objects.equals(hash, active)) {
      roles.add(names.stable());
    } else if (Objects.equals(hash, view.status().stableRevision)) {
      roles.add("previous");
    }
    if (Objects.equals(hash, updated)) {
      roles.add(names.updated());
    }
    if (view.status().canary != null
        && Objects.equals(hash, view.status().canary.baselineRevision)) {
      roles.add("baseline");
    }
    return roles;
  }

  private static Revision revisionOf(ReplicaSet rs, List<String> roles, List<Pod> pods,
      List<AnalysisRunInfo> runs) {
    var status = rs.getStatus();
    List<PodInfo> podsOfRs = pods.stream()
        .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> Objects.equals(ref.getUid(), rs.getMetadata().getUid())))
        .sorted(Comparator.comparing((Pod pod) -> pod.getMetadata().getName()))
        .map(RolloutInfoReader::pod)
        .toList();
    ReplicaSetInfo info = new ReplicaSetInfo(rs.getMetadata().getName(),
        rs.getMetadata().getCreationTimestamp(), orZero(rs.getSpec().getReplicas()),
        status == null ? 0 : orZero(status.getReplicas()),
        status == null ? 0 : orZero(status.getReadyReplicas()),
        status == null ? 0 : orZero(status.getAvailableReplicas()),
        Images.containers(rs.getSpec().getTemplate()).stream().map(Container::getImage).toList(),
        podsOfRs);
    return new Revision(revision(rs), hash(rs), roles, info, runs);
  }

  private static PodInfo pod(Pod pod) {
    var status = pod.getStatus();
    boolean ready = status != null && status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    int restarts = status == null ? 0 : status.getContainerStatuses().stream()
        .map(ContainerStatus::getRestartCount).filter(Objects::nonNull)
        .mapToInt(Integer::intValue).sum();
    return new PodInfo(pod.getMetadata().getName(), pod.getMetadata().getCreationTimestamp(),
        status == null || status.getPhase() == null ? "Pending" : status.getPhase(), ready,
        pod.getMetadata().getDeletionTimestamp() != null, restarts);
  }

  /**
   * The runs of the revision being rolled out: the current step's, the background one, then the
   * others (earlier steps, earlier attempts), oldest first.
   */
  private static List<AnalysisRunInfo> analysisRuns(StatusView view, List<AnalysisRun> runs) {
    RolloutStatus status = view.status();
    String stepRun = status.canary == null ? null : status.canary.currentStepAnalysisRun;
    String backgroundRun = status.canary == null ? null : status.canary.backgroundAnalysisRun;
    return runs.stream()
        .filter(run -> Objects.equals(label(run, RampLabels.REVISION_HASH),
            status.updatedRevision) || Objects.equals(name(run), stepRun)
            || Objects.equals(name(run), backgroundRun))
        .sorted(Comparator.comparing((AnalysisRun run) -> !Objects.equals(name(run), stepRun))
            .thenComparing(run -> !Objects.equals(name(run), backgroundRun))
            .thenComparing(run -> Objects.toString(run.getMetadata().getCreationTimestamp(), ""))
            .thenComparing(RolloutInfoReader::name))
        .map(run -> analysisRun(view, run))
        .toList();
  }

  private static AnalysisRunInfo analysisRun(StatusView view, AnalysisRun run) {
    var status = run.getStatus();
    List<MetricInfo> metrics = status == null || status.metricResults == null ? List.of()
        : status.metricResults.stream().map(RolloutInfoReader::metric).toList();
    return new AnalysisRunInfo(name(run), run.getMetadata().getCreationTimestamp(),
        analysis(view, label(run, RampLabels.ANALYSIS)),
        status == null || status.phase == null ? "Pending" : status.phase,
        status == null ? null : status.message, metrics);
  }

  /** The run's label says "background" or the 0-based index of its step. */
  private static String analysis(StatusView view, String label) {
    try {
      int index = Integer.parseInt(label);
      return "step " + (index + 1) + "/" + view.stepCount();
    } catch (NumberFormatException e) {
      return label;
    }
  }

  private static MetricInfo metric(MetricResult result) {
    List<Measurement> measurements = result.measurements == null ? List.of()
        : result.measurements;
    Measurement latest = measurements.isEmpty() ? null
        : measurements.get(measurements.size() - 1);
    int measured = result.count != null ? result.count : measurements.size();
    return new MetricInfo(result.name, result.phase == null ? "Pending" : result.phase,
        Boolean.TRUE.equals(result.dryRun), measured, latest == null ? null
            : new MeasurementInfo(latest.value, latest.phase, latest.message));
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
