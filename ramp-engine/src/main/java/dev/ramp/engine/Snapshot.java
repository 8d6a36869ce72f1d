package dev.ramp.engine;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.gates.GateAnswer;
import dev.ramp.engine.gates.GateRecords;
import java.util.List;
import java.util.Map;

/**
 * Everything observed about one rollout at the start of a reconcile.
 *
 * @param services the Services the rollout names that exist, by name (a missing name is absent)
 * @param workload the Deployment of workloadRef, or null when there is none or it is missing
 * @param pods the rollout's pods; only filled in when {@link RolloutEngine#needsPods} says so
 * @param analysisRuns the AnalysisRuns the rollout owns
 * @param templates the analysis templates the rollout names that exist, by {@link
 *     #templateKey}
 * @param router the traffic router's state, or null when there is no router (or it could not
 *     be read: then {@code routerProblem} says why)
 * @param routerProblem why the router's objects cannot be used ("Gateway API CRDs are not
 *     installed"), or null
 * @param refusal why the API server refused a change made for this rollout just now (a pod
 *     template it finds invalid, say), or null
 * @param others the workloads in the namespace whose pods the rollout must leave alone
 * @param strays the ReplicaSets the rollout's selector matches that it does not own (those of
 *     Rollouts and Deployments excepted: {@code others} speaks for them)
 * @param experiments the Experiments the rollout owns
 * @param gateAnswers what the gates and hooks due (see {@link GateRecords#due}) answered when
 *     the controller asked them for this decision
 */
public record Snapshot(
    Rollout rollout,
    List<ReplicaSetView> replicaSets,
    Map<String, ServiceView> services,
    WorkloadView workload,
    List<PodView> pods,
    List<AnalysisRunView> analysisRuns,
    Map<String, AnalysisTemplateSpec> templates,
    RouterView router,
    String routerProblem,
    String refusal,
    List<OtherWorkloadView> others,
    List<StrayReplicaSetView> strays,
    List<RolloutExperimentView> experiments,
    List<GateAnswer> gateAnswers) {

  /** A snapshot without gate answers: nothing was asked. */
  public Snapshot(Rollout rollout, List<ReplicaSetView> replicaSets,
      Map<String, ServiceView> services, WorkloadView workload, List<PodView> pods,
      List<AnalysisRunView> analysisRuns, Map<String, AnalysisTemplateSpec> templates,
      RouterView router, String routerProblem, String refusal, List<OtherWorkloadView> others,
      List<StrayReplicaSetView> strays, List<RolloutExperimentView> experiments) {
    this(rollout, replicaSets, services, workload, pods, analysisRuns, templates, router,
        routerProblem, refusal, others, strays, experiments, List.of());
  }

  /** A snapshot of a rollout that owns no Experiment. */
  public Snapshot(Rollout rollout, List<ReplicaSetView> replicaSets,
      Map<String, ServiceView> services, WorkloadView workload, List<PodView> pods,
      List<AnalysisRunView> analysisRuns, Map<String, AnalysisTemplateSpec> templates,
      RouterView router, String routerProblem, String refusal, List<OtherWorkloadView> others,
      List<StrayReplicaSetView> strays) {
    this(rollout, replicaSets, services, workload, pods, analysisRuns, templates, router,
        routerProblem, refusal, others, strays, List.of());
  }

  /** A snapshot of a rollout that shares its namespace with no other workload. */
  public Snapshot(Rollout rollout, List<ReplicaSetView> replicaSets,
      Map<String, ServiceView> services, WorkloadView workload, List<PodView> pods,
      List<AnalysisRunView> analysisRuns, Map<String, AnalysisTemplateSpec> templates,
      RouterView router, String routerProblem, String refusal) {
    this(rollout, replicaSets, services, workload, pods, analysisRuns, templates, router,
        routerProblem, refusal, List.of(), List.of(), List.of());
  }

  public Snapshot withRefusal(String message) {
    return new Snapshot(rollout, replicaSets, services, workload, pods, analysisRuns, templates,
        router, routerProblem, message, others, strays, experiments, gateAnswers);
  }

  public Snapshot withRouterProblem(String message) {
    return new Snapshot(rollout, replicaSets, services, workload, pods, analysisRuns, templates,
        null, message, refusal, others, strays, experiments, gateAnswers);
  }

  public Snapshot withExperiments(List<RolloutExperimentView> owned) {
    return new Snapshot(rollout, replicaSets, services, workload, pods, analysisRuns, templates,
        router, routerProblem, refusal, others, strays, owned, gateAnswers);
  }

  public Snapshot withGateAnswers(List<GateAnswer> answers) {
    return new Snapshot(rollout, replicaSets, services, workload, pods, analysisRuns, templates,
        router, routerProblem, refusal, others, strays, experiments, answers);
  }

  /** How a template is named in {@link #templates}: its name, or cluster/name. */
  public static String templateKey(RolloutAnalysis.TemplateRef ref) {
    return Boolean.TRUE.equals(ref.clusterScope) ? "cluster/" + ref.templateName
        : ref.templateName;
  }
}
