package dev.ramp.cluster;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cluster.routing.RouterPlugins;
import dev.ramp.cluster.routing.RouterProblem;
import dev.ramp.cluster.routing.TrafficRouter;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.JudgeEvidence;
import dev.ramp.engine.PodView;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.RolloutExperimentView;
import dev.ramp.engine.RouterView;
import dev.ramp.engine.ServiceView;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.Times;
import dev.ramp.engine.WorkloadView;
import dev.ramp.engine.analysis.CanaryWeightMark;
import dev.ramp.engine.spec.SpecValidator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine sees of each object: the one reading of a cluster's objects into a snapshot's
 * views, for the controller's informer caches and the virtual cluster's store alike.
 */
public final class ObjectViews {
  private ObjectViews() {}

  public static ReplicaSetView replicaSet(ReplicaSet rs) {
    Map<String, String> annotations = rs.getMetadata().getAnnotations() == null
        ? Map.of() : rs.getMetadata().getAnnotations();
    var status = rs.getStatus();
    String deadline = annotations.get(RampLabels.SCALE_DOWN_DEADLINE);
    return new ReplicaSetView(
        rs.getMetadata().getName(),
        labels(rs.getMetadata().getLabels()).get(RampLabels.POD_TEMPLATE_HASH),
        parseRevision(annotations.get(RampLabels.REVISION)),
        rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas(),
        status == null || status.getReplicas() == null ? 0 : status.getReplicas(),
        status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas(),
        status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas(),
        deadline == null ? null : Times.parse(deadline, null),
        rs.getSpec().getTemplate());
  }

  public static ServiceView service(Service service) {
    Map<String, String> selector = service.getSpec() == null ? null
        : service.getSpec().getSelector();
    return new ServiceView(service.getMetadata().getName(),
        selector == null ? null : selector.get(RampLabels.POD_TEMPLATE_HASH));
  }

  public static WorkloadView workload(Deployment deployment) {
    var spec = deployment.getSpec();
    return new WorkloadView(deployment.getMetadata().getName(),
        spec.getReplicas() == null ? 1 : spec.getReplicas(), spec.getSelector(),
        spec.getTemplate());
  }

  public static PodView pod(Pod pod) {
    return new PodView(pod.getMetadata().getName(),
        labels(pod.getMetadata().getLabels()).get(RampLabels.POD_TEMPLATE_HASH),
        Times.parse(pod.getMetadata().getCreationTimestamp(), Instant.EPOCH),
        pod.getStatus() != null && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
        pod.getMetadata().getDeletionTimestamp() != null);
  }

  public static AnalysisRunView analysisRun(AnalysisRun run) {
    Map<String, String> labels = labels(run.getMetadata().getLabels());
    var status = run.getStatus();
    return new AnalysisRunView(run.getMetadata().getName(),
        labels.getOrDefault(RampLabels.REVISION_HASH, ""),
        labels.getOrDefault(RampLabels.ANALYSIS, ""),
        status == null || status.phase == null ? AnalysisPhase.Pending
            : AnalysisPhase.of(status.phase),
        status == null ? null : status.message,
        Boolean.TRUE.equals(run.getSpec().terminate), CanaryWeightMark.of(run),
        JudgeEvidence.of(run));
  }

  public static RolloutExperimentView experiment(Experiment experiment) {
    Map<String, String> labels = labels(experiment.getMetadata().getLabels());
    var status = experiment.getStatus();
    int step;
    try {
      step = Integer.parseInt(labels.getOrDefault(RampLabels.STEP, "-1"));
    } catch (NumberFormatException e) {
      step = -1; // not one of the rollout's steps
    }
    return new RolloutExperimentView(experiment.getMetadata().getName(),
        labels.getOrDefault(RampLabels.REVISION_HASH, ""), step,
        status == null ? AnalysisPhase.Pending : AnalysisPhase.of(status.phase),
        status == null ? null : status.message,
        experiment.getMetadata().getAnnotations() != null
            && "true".equals(experiment.getMetadata().getAnnotations().get(RampLabels.RETIRED)),
        status == null || status.templateStatuses == null ? List.of()
            : status.templateStatuses.stream().map(t -> new RolloutExperimentView.Template(
                t.name, t.serviceName, t.availableReplicas == null ? 0 : t.availableReplicas))
                .toList());
  }

  /**
   * Adds what the traffic router's objects say. They are read only for a spec that passes its
   * checks, so a rollout naming a router whose CRDs are missing reads nothing and gets a clear
   * problem instead.
   */
  public static Snapshot withRouter(Snapshot snapshot, ClusterObjects objects) {
    return withRouter(snapshot, objects, RouterPlugins.NONE);
  }

  /** Adds what the traffic router's objects say, reaching router plugins through plugins. */
  public static Snapshot withRouter(Snapshot snapshot, ClusterObjects objects,
      RouterPlugins plugins) {
    Rollout rollout = snapshot.rollout();
    Optional<TrafficRouter> router = TrafficRouters.of(objects, plugins, rollout);
    if (router.isEmpty() || !SpecValidator.check(rollout.getSpec()).isEmpty()) {
      return snapshot;
    }
    try {
      RouterView view = router.get().read(rollout);
      return new Snapshot(rollout, snapshot.replicaSets(), snapshot.services(),
          snapshot.workload(), snapshot.pods(), snapshot.analysisRuns(), snapshot.templates(),
          view, null, null, snapshot.others(), snapshot.strays());
    } catch (RouterProblem problem) {
      return snapshot.withRouterProblem(problem.getMessage());
    }
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }

  private static long parseRevision(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
