package dev.ramp.controller.rollout;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.ClusterAnalysisTemplate;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cluster.ObjectViews;
import dev.ramp.cluster.ReplicaSetOwners;
import dev.ramp.cluster.RolloutReferences;
import dev.ramp.controller.kube.HttpRouterPlugins;
import dev.ramp.controller.kube.KubernetesObjects;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.OtherWorkloadView;
import dev.ramp.engine.PodView;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.RolloutEngine;
import dev.ramp.engine.RolloutExperimentView;
import dev.ramp.engine.ServiceView;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.StrayReplicaSetView;
import dev.ramp.engine.WorkloadView;
import dev.ramp.engine.spec.RolloutSeniority;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds the engine's snapshot of a rollout from the informer caches (and pods when needed). */
final class SnapshotReader {
  private SnapshotReader() {}

  static Snapshot read(Rollout rollout, Context<Rollout> context) {
    String namespace = rollout.getMetadata().getNamespace();
    List<ReplicaSet> owned = context.getSecondaryResources(ReplicaSet.class).stream()
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
        .filter(rs -> ReplicaSetOwners.ownedBy(rs, rollout.getMetadata().getName()))
        .filter(rs -> rs.getMetadata().getLabels() != null
            && rs.getMetadata().getLabels().containsKey(RampLabels.POD_TEMPLATE_HASH))
        .toList();
    List<ReplicaSetView> replicaSets = owned.stream().map(ObjectViews::replicaSet).toList();
    Map<String, ServiceView> services = new HashMap<>();
    RolloutReferences.services(rollout.getSpec())
        .forEach(name -> cached(context, Service.class, name, namespace)
            .ifPresent(service -> services.put(name, ObjectViews.service(service))));
    WorkloadView workload = RolloutReferences.workload(rollout.getSpec()).findFirst()
        .flatMap(name -> cached(context, Deployment.class, name, namespace))
        .map(ObjectViews::workload).orElse(null);
    List<PodView> pods = RolloutEngine.needsPods(rollout)
        ? pods(context.getClient(), namespace,
            replicaSets.stream().map(ReplicaSetView::name).toList())
        : null;
    List<AnalysisRunView> runs = context.getSecondaryResources(AnalysisRun.class).stream()
        .filter(run -> run.getMetadata().getDeletionTimestamp() == null)
        .map(ObjectViews::analysisRun)
        .toList();
    Snapshot snapshot = new Snapshot(rollout, replicaSets, services, workload, pods, runs,
        templates(rollout, context), null, null, null, others(rollout, context),
        strays(context, namespace, selector(rollout, workload), owned));
    List<RolloutExperimentView> experiments = context.getSecondaryResources(Experiment.class)
        .stream().filter(e -> e.getMetadata().getDeletionTimestamp() == null)
        .map(ObjectViews::experiment).toList();
    return ObjectViews.withRouter(snapshot, new KubernetesObjects(context.getClient()),
        HttpRouterPlugins.shared()).withExperiments(experiments);
  }

  /**
   * The workloads whose pods the rollout must not select: the Rollouts of its namespace senior to
   * it (so that a newcomer cannot stop one that runs), and the Deployments with pods other than
   * its own workloadRef.
   */
  private static List<OtherWorkloadView> others(Rollout rollout, Context<Rollout> context) {
    String namespace = rollout.getMetadata().getNamespace();
    String own = RolloutReferences.workload(rollout.getSpec()).findFirst().orElse(null);
    Stream<OtherWorkloadView> rollouts = context.getPrimaryCache()
        .list(other -> namespace.equals(other.getMetadata().getNamespace())
            && other.getSpec() != null && other.getSpec().template != null
            && RolloutSeniority.ORDER.compare(other, rollout) < 0)
        .map(other -> new OtherWorkloadView("Rollout", other.getMetadata().getName(),
            other.getSpec().selector, podLabels(other.getSpec().template)));
    @SuppressWarnings("unchecked")
    InformerEventSource<Deployment, Rollout> deployments = (InformerEventSource<Deployment,
        Rollout>) context.eventSourceRetriever().getEventSourceFor(Deployment.class);
    Stream<OtherWorkloadView> running = deployments
        .list(namespace, d -> !d.getMetadata().getName().equals(own)
            && !Integer.valueOf(0).equals(d.getSpec().getReplicas()))
        .map(d -> new OtherWorkloadView("Deployment", d.getMetadata().getName(),
            d.getSpec().getSelector(), podLabels(d.getSpec().getTemplate())));
    return Stream.concat(rollouts, running).toList();
  }

  /**
   * The ReplicaSets of the namespace that the selector matches and the rollout does not own.
   * One just adopted may still show without its owner in the informer's cache, but it is among
   * the owned ones, which read Ramp's own writes.
   */
  private static List<StrayReplicaSetView> strays(Context<Rollout> context, String namespace,
      LabelSelector selector, List<ReplicaSet> owned) {
    Set<String> ownedNames = owned.stream().map(rs -> rs.getMetadata().getName())
        .collect(Collectors.toSet());
    return replicaSetSource(context).list(namespace, rs ->
            rs.getMetadata().getDeletionTimestamp() == null
                && !ownedNames.contains(rs.getMetadata().getName())
                && ReplicaSetOwners.mayBeStray(rs) && ReplicaSetOwners.selects(selector, rs))
        .sorted(Comparator.comparing(rs -> rs.getMetadata().getName()))
        .map(rs -> new StrayReplicaSetView(ObjectViews.replicaSet(rs),
            ReplicaSetOwners.describeController(rs)))
        .toList();
  }

  /** The rollout's selector, or its Deployment's; null when there is neither. */
  private static LabelSelector selector(Rollout rollout, WorkloadView workload) {
    if (rollout.getSpec() != null && rollout.getSpec().selector != null) {
      return rollout.getSpec().selector;
    }
    return workload == null ? null : workload.selector();
  }

  @SuppressWarnings("unchecked")
  static InformerEventSource<ReplicaSet, Rollout> replicaSetSource(Context<Rollout> context) {
    return (InformerEventSource<ReplicaSet, Rollout>)
        context.eventSourceRetriever().getEventSourceFor(ReplicaSet.class);
  }

  private static Map<String, String> podLabels(PodTemplateSpec template) {
    return template == null || template.getMetadata() == null ? null
        : template.getMetadata().getLabels();
  }

  /** The analysis templates the rollout names that exist, keyed as the engine expects. */
  private static Map<String, AnalysisTemplateSpec> templates(Rollout rollout,
      Context<Rollout> context) {
    Map<String, AnalysisTemplateSpec> templates = new HashMap<>();
    for (RolloutAnalysis.TemplateRef ref : RolloutReferences.templates(rollout.getSpec())
        .toList()) {
      Optional<? extends CustomResource<AnalysisTemplateSpec, Void>> template =
          Boolean.TRUE.equals(ref.clusterScope)
              ? cached(context, ClusterAnalysisTemplate.class, ref.templateName, null)
              : cached(context, AnalysisTemplate.class, ref.templateName,
                  rollout.getMetadata().getNamespace());
      template.ifPresent(t -> templates.put(Snapshot.templateKey(ref), t.getSpec()));
    }
    return templates;
  }


  /** Oldest first; the name settles a tie. */
  private static <R extends HasMetadata> Optional<R> cached(Context<Rollout> context, Class<R> type, String name,
          String namespace) {
    @SuppressWarnings("unchecked")
    InformerEventSource<R, Rollout> source = (InformerEventSource<R, Rollout>)
        context.eventSourceRetriever().getEventSourceFor(type);
    return source.get(namespace == null ? new ResourceID(name) : new ResourceID(name, namespace));
  }




  /** The pods of the rollout's ReplicaSets, listed only while a restart needs them. */
  private static List<PodView> pods(
      KubernetesClient client, String namespace, List<String> replicaSets) {
    return client.pods().inNamespace(namespace)
        .withLabel(RampLabels.POD_TEMPLATE_HASH).list().getItems().stream()
        .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> "ReplicaSet".equals(ref.getKind())
                && replicaSets.contains(ref.getName())))
        .map(ObjectViews::pod)
        .toList();
  }



}
