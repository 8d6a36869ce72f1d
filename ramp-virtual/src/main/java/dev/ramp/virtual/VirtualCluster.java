package dev.ramp.virtual;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.cluster.Actuator;
import dev.ramp.cluster.ExperimentActuator;
import dev.ramp.cluster.Kinds;
import dev.ramp.cluster.ObjectJson;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.ObjectViews;
import dev.ramp.cluster.ReplicaSetOwners;
import dev.ramp.cluster.RolloutReferences;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.engine.Action;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Plan;
import dev.ramp.engine.PodView;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.RolloutEngine;
import dev.ramp.engine.RouterView;
import dev.ramp.engine.ServiceView;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.StrayReplicaSetView;
import dev.ramp.engine.Times;
import dev.ramp.engine.WorkloadView;
import dev.ramp.engine.experiment.ExperimentEngine;
import dev.ramp.engine.experiment.ExperimentObservation;
import dev.ramp.engine.experiment.ExperimentObservation.ReplicaSetState;
import dev.ramp.engine.experiment.ExperimentObservation.RunState;
import dev.ramp.engine.experiment.ExperimentPlan;
import dev.ramp.engine.gates.GateAnswer;
import dev.ramp.engine.gates.GateRecords;
import dev.ramp.workloadsim.SimulatedRouters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One rollout's cluster in memory, on a clock that only moves when told ({@link #now}). Its
 * objects are JSON in an {@link InMemoryObjects} store; plans are applied by the controller's own
 * {@link Actuator} and traffic routers, and the snapshot is read with the controller's own
 * {@link ObjectViews}, so the engine's rollout scenarios (this module's tests) and the benchmarks
 * run production's action code. It plays the ReplicaSet controller, the kubelet, the routers'
 * controllers and Ramp's experiment controller itself ({@link #settlePods()}).
 */
public class VirtualCluster {
  private static final String RS_VERSION = HasMetadata.getApiVersion(ReplicaSet.class);

  public final Rollout rollout;
  public final InMemoryObjects objects = new InMemoryObjects();
  public final Map<String, AnalysisTemplateSpec> templates = new HashMap<>();
  /** Images whose pods never become ready. */
  public Predicate<String> brokenImages = image -> false;
  /** How long a new pod takes to become ready. */
  public Duration podReadyDelay = Duration.ZERO;
  public Instant now = Instant.parse("2026-01-01T00:00:00Z");
  /**
   * The outside systems behind the rollout's gates and hooks: what each answers when the
   * controller would ask it (a record {@link GateRecords#due} says is due). Null: not reached.
   */
  public Function<GateStatus, GateAnswer> gates = record -> null;

  private final Actuator actuator = new Actuator(objects);
  private int podCounter;

  /** The rollout gets a namespace and a uid if it has none, so that what it owns is told apart. */
  public VirtualCluster(Rollout rollout) {
    this.rollout = rollout;
    if (rollout.getMetadata().getNamespace() == null) {
      rollout.getMetadata().setNamespace("default");
    }
    if (rollout.getMetadata().getUid() == null) {
      rollout.getMetadata().setUid("uid-rollout-" + rollout.getMetadata().getName());
    }
  }

  /** What the controller would read: the cluster's objects as the engine sees them. */
  public Snapshot snapshot() {
    String namespace = namespace();
    List<ReplicaSet> all = all(RS_VERSION, Kinds.REPLICA_SET, ReplicaSet.class);
    List<ReplicaSet> owned = all.stream().filter(this::owned).toList();
    Map<String, ServiceView> services = new HashMap<>();
    RolloutReferences.services(rollout.getSpec()).forEach(name ->
        find(Kinds.service(namespace, name), Service.class)
            .ifPresent(service -> services.put(name, ObjectViews.service(service))));
    WorkloadView workload = RolloutReferences.workload(rollout.getSpec()).findFirst()
        .flatMap(name -> find(Kinds.deployment(namespace, name), Deployment.class))
        .map(ObjectViews::workload).orElse(null);
    List<AnalysisRunView> runs = analysisRuns().stream().map(ObjectViews::analysisRun).toList();
    LabelSelector selector = rollout.getSpec().selector != null ? rollout.getSpec().selector
        : workload == null ? null : workload.selector();
    List<StrayReplicaSetView> strays = all.stream()
        .filter(rs -> !owned.contains(rs) && ReplicaSetOwners.mayBeStray(rs)
            && ReplicaSetOwners.selects(selector, rs))
        .map(rs -> new StrayReplicaSetView(ObjectViews.replicaSet(rs),
            ReplicaSetOwners.describeController(rs)))
        .toList();
    Snapshot snapshot = new Snapshot(rollout,
        owned.stream().map(ObjectViews::replicaSet).toList(), services, workload,
        RolloutEngine.needsPods(rollout) ? pods() : null, runs, Map.copyOf(templates), null,
        null, null, List.of(), strays);
    List<GateAnswer> answers = GateRecords.due(rollout.getSpec(), rollout.getStatus(), now)
        .stream().map(gates).filter(Objects::nonNull).toList();
    return ObjectViews.withRouter(snapshot, objects).withExperiments(
        experiments().stream().map(ObjectViews::experiment).toList()).withGateAnswers(answers);
  }

  /** The Experiments the rollout owns (those of its experiment steps), oldest first. */
  public List<Experiment> experiments() {
    return all(HasMetadata.getApiVersion(Experiment.class), Kinds.EXPERIMENT, Experiment.class)
        .stream().filter(e -> e.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> rollout.getMetadata().getUid().equals(ref.getUid())))
        .toList();
  }

  /**
   * The experiment controller: decides each of the rollout's Experiments with the
   * {@link ExperimentEngine} and applies its plan with the controller's own
   * {@link ExperimentActuator}, then writes its status.
   *
   * @return true when some experiment's status changed or its plan changed an object
   */
  public boolean runExperiments() {
    boolean changed = false;
    for (Experiment experiment : experiments()) {
      ExperimentPlan plan = ExperimentEngine.decide(experimentObservation(experiment), now);
      new ExperimentActuator(objects).apply(experiment, plan.actions());
      changed |= !plan.actions().isEmpty();
      ObjectNode status = ObjectJson.of(plan.status());
      if (experiment.getStatus() == null || !status.equals(ObjectJson.of(experiment.getStatus()))) {
        objects.putStatus(Kinds.experiment(namespace(), experiment.getMetadata().getName()),
            status);
        changed = true;
      }
    }
    return changed;
  }

  /** What the experiment controller observes of an experiment: the objects it owns. */
  private ExperimentObservation experimentObservation(Experiment experiment) {
    Predicate<HasMetadata> owned = object -> object.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> experiment.getMetadata().getUid().equals(ref.getUid()));
    Map<String, ReplicaSetState> replicaSets = new HashMap<>();
    all(RS_VERSION, Kinds.REPLICA_SET, ReplicaSet.class).stream().filter(owned)
        .forEach(rs -> {
          ReplicaSetView view = ObjectViews.replicaSet(rs);
          replicaSets.put(view.name(), new ReplicaSetState(view.replicas(),
              view.readyReplicas(), view.availableReplicas()));
        });
    Set<String> services = all("v1", "Service", Service.class).stream().filter(owned)
        .map(service -> service.getMetadata().getName()).collect(Collectors.toSet());
    Map<String, RunState> runs = new HashMap<>();
    all(Kinds.ANALYSIS_RUN_VERSION, Kinds.ANALYSIS_RUN, AnalysisRun.class).stream()
        .filter(owned).forEach(run -> {
          AnalysisRunView view = ObjectViews.analysisRun(run);
          runs.put(view.name(), new RunState(view.phase(), view.message(), view.terminated()));
        });
    Map<String, AnalysisTemplateSpec> named = new HashMap<>();
    if (experiment.getSpec() != null && experiment.getSpec().analyses != null) {
      experiment.getSpec().analyses.forEach(analysis -> {
        String key = ExperimentObservation.templateKey(analysis.templateName,
            analysis.clusterScope);
        if (templates.containsKey(key)) {
          named.put(key, templates.get(key));
        }
      });
    }
    return new ExperimentObservation(experiment, replicaSets, services, runs, named, null);
  }

  /** One reconcile: decide, apply the actions, write the status. */
  public Plan reconcile() {
    Plan plan = RolloutEngine.decide(snapshot(), now);
    actuator.apply(rollout, plan.actions(), doing -> {});
    rollout.setStatus(plan.status());
    return plan;
  }

  /** Applies one action, as the controller does. */
  public void apply(Action action) {
    actuator.apply(rollout, List.of(action), doing -> {});
  }

  /**
   * The ReplicaSet controller and kubelet: every ReplicaSet has its pods (new ones created now,
   * surplus ones gone), and those of healthy images are available once {@link #podReadyDelay}
   * has passed since they were created.
   *
   * The routers' controllers answer too: each router object gets the status its controller
   * writes ({@link SimulatedRouters}); and the rollout's Experiments are run
   * ({@link #runExperiments()}).
   *
   * @return true when the available pods of some ReplicaSet, or the status of a router object,
   *     changed
   */
  public boolean settlePods() {
    boolean changed = settleRoutes() | runExperiments();
    for (ReplicaSet rs : all(RS_VERSION, Kinds.REPLICA_SET, ReplicaSet.class)) {
      String name = rs.getMetadata().getName();
      int replicas = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
      List<Pod> mine = podsOf(name);
      for (int i = mine.size(); i < replicas; i++) {
        objects.create(ObjectJson.of(newPod(rs)));
      }
      for (int i = replicas; i < mine.size(); i++) {
        objects.delete(Kinds.pod(namespace(), mine.get(i).getMetadata().getName()));
      }
      boolean broken = brokenImages.test(image(rs.getSpec().getTemplate()));
      int available = 0;
      for (Pod pod : podsOf(name)) {
        boolean ready = !broken && !Times.parse(pod.getMetadata().getCreationTimestamp(), now)
            .plus(podReadyDelay).isAfter(now);
        available += ready ? 1 : 0;
        if (ready != ObjectViews.pod(pod).ready()) {
          objects.putStatus(Kinds.pod(namespace(), pod.getMetadata().getName()),
              new PodStatusBuilder().addNewCondition().withType("Ready")
                  .withStatus(ready ? "True" : "False").endCondition().build());
        }
      }
      ReplicaSetView before = ObjectViews.replicaSet(rs);
      changed |= available != before.availableReplicas();
      if (before.currentReplicas() != replicas || before.availableReplicas() != available
          || before.readyReplicas() != available) {
        setStatus(name, replicas, available);
      }
    }
    return changed;
  }

  /** Writes the status of each router object whose controller's answer changed. */
  private boolean settleRoutes() {
    boolean changed = false;
    for (SimulatedRouters.Kind kind : SimulatedRouters.KINDS) {
      for (ObjectNode route : objects.list(kind.apiVersion(), kind.kind(), namespace(),
          ObjectNode.class)) {
        ObjectNode status = kind.status(route, (apiVersion, k, namespace, name) ->
            objects.get(new ObjectKey(apiVersion, k, namespace, name)), now);
        if (status != null) {
          objects.putStatus(ObjectKey.of(route), status);
          changed = true;
        }
      }
    }
    return changed;
  }

  public RolloutStatus status() {
    return rollout.getStatus();
  }

  /** The rollout's ReplicaSets, oldest first. */
  public List<ReplicaSetView> replicaSets() {
    return all(RS_VERSION, Kinds.REPLICA_SET, ReplicaSet.class).stream().filter(this::owned)
        .map(ObjectViews::replicaSet).toList();
  }

  /** The rollout's ReplicaSet of a revision, or null. */
  public ReplicaSetView rs(String hash) {
    return replicaSets().stream().filter(rs -> rs.hash().equals(hash)).findFirst().orElse(null);
  }

  public ReplicaSetView byName(String name) {
    return find(Kinds.replicaSet(namespace(), name), ReplicaSet.class)
        .map(ObjectViews::replicaSet)
        .orElseThrow(() -> new IllegalArgumentException("no ReplicaSet " + name));
  }

  /**
   * Reports a number of the revision's pods available, as the ReplicaSet controller does, until
   * the pods next settle.
   */
  public void setAvailable(String hash, int available) {
    ReplicaSetView rs = rs(hash);
    if (rs == null) {
      throw new IllegalArgumentException("no ReplicaSet of " + hash);
    }
    setStatus(rs.name(), rs.currentReplicas(), available);
  }

  private void setStatus(String replicaSet, int replicas, int available) {
    objects.putStatus(Kinds.replicaSet(namespace(), replicaSet), new ReplicaSetStatusBuilder()
        .withReplicas(replicas).withReadyReplicas(available).withAvailableReplicas(available)
        .build());
  }

  /** The ReplicaSets of the namespace that no controller owns, oldest first. */
  public List<ReplicaSetView> orphans() {
    return all(RS_VERSION, Kinds.REPLICA_SET, ReplicaSet.class).stream()
        .filter(rs -> ReplicaSetOwners.describeController(rs) == null)
        .map(ObjectViews::replicaSet).toList();
  }

  /**
   * Adds a ReplicaSet under the rollout's selector that no controller owns, as a Deployment or
   * an Argo Rollout deleted with orphan propagation leaves it: its pods carry the hash.
   */
  public void addOrphan(String name, String hash, PodTemplateSpec template, int replicas) {
    PodTemplateSpec labelled = ObjectJson.as(ObjectJson.of(template), PodTemplateSpec.class);
    Map<String, String> labels = new LinkedHashMap<>(labelled.getMetadata().getLabels());
    labels.put(RampLabels.POD_TEMPLATE_HASH, hash);
    labelled.getMetadata().setLabels(labels);
    objects.create(ObjectJson.of(new ReplicaSetBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace()).withLabels(labels)
        .endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels)
        .endSelector().withTemplate(labelled).endSpec()
        .build()));
  }

  /** Adds a Service that selects no revision yet. */
  public void addService(String name) {
    objects.create(ObjectJson.of(new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace()).endMetadata()
        .withNewSpec().addNewPort().withPort(80).endPort().endSpec()
        .build()));
  }

  public void deleteService(String name) {
    objects.delete(Kinds.service(namespace(), name));
  }

  /** The Service, or null. */
  public ServiceView service(String name) {
    return find(Kinds.service(namespace(), name), Service.class).map(ObjectViews::service)
        .orElse(null);
  }

  /** Adds the Deployment a rollout's workloadRef names. */
  public void addDeployment(String name, int replicas, LabelSelector selector,
      PodTemplateSpec template) {
    objects.create(ObjectJson.of(new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace()).endMetadata()
        .withNewSpec().withReplicas(replicas).withSelector(selector).withTemplate(template)
        .endSpec()
        .build()));
  }

  /** The Deployment of the rollout's workloadRef, or null. */
  public WorkloadView workload() {
    return RolloutReferences.workload(rollout.getSpec()).findFirst()
        .flatMap(name -> find(Kinds.deployment(namespace(), name), Deployment.class))
        .map(ObjectViews::workload).orElse(null);
  }

  /** Every pod, oldest first. */
  public List<PodView> pods() {
    return all("v1", "Pod", Pod.class).stream().map(ObjectViews::pod).toList();
  }

  /** What the traffic router's objects say now, as the controller reads them. */
  public RouterView router() {
    return TrafficRouters.of(objects, rollout).orElseThrow(() -> new IllegalStateException(
        "the rollout has no trafficRouting")).read(rollout);
  }

  /** The rollout's AnalysisRuns, in the order they were created. */
  public List<AnalysisRun> analysisRuns() {
    return all(Kinds.ANALYSIS_RUN_VERSION, Kinds.ANALYSIS_RUN, AnalysisRun.class).stream()
        .filter(run -> run.getMetadata().getLabels() != null && rollout.getMetadata().getName()
            .equals(run.getMetadata().getLabels().get(RampLabels.ROLLOUT)))
        .toList();
  }

  /** The newest run of a kind ("background", or a step index), or null. */
  public AnalysisRun analysisRun(String kind) {
    AnalysisRun newest = null;
    for (AnalysisRun run : analysisRuns()) {
      if (kind.equals(run.getMetadata().getLabels().get(RampLabels.ANALYSIS))) {
        newest = run;
      }
    }
    return newest;
  }

  /** The newest run of a kind as the engine sees it, or null. */
  public AnalysisRunView run(String kind) {
    AnalysisRun run = analysisRun(kind);
    return run == null ? null : ObjectViews.analysisRun(run);
  }

  /** Writes a run's status, as the AnalysisRun controller does. */
  public void setRunStatus(String name, AnalysisRunStatus status) {
    objects.putStatus(Kinds.analysisRun(namespace(), name), status);
  }

  /** Changes the image of the rollout's first container, as {@code kubectl set image} does. */
  public void setImage(String image) {
    rollout.getSpec().template.getSpec().getContainers().get(0).setImage(image);
    bumpGeneration();
  }

  public void bumpGeneration() {
    rollout.getMetadata().setGeneration(rollout.getMetadata().getGeneration() + 1);
  }

  private String namespace() {
    return rollout.getMetadata().getNamespace();
  }

  /** Owned by the rollout, as the controller's informer maps it, and labelled with a revision. */
  private boolean owned(ReplicaSet rs) {
    return ReplicaSetOwners.ownedBy(rs, rollout.getMetadata().getName())
        && rs.getMetadata().getLabels() != null
        && rs.getMetadata().getLabels().containsKey(RampLabels.POD_TEMPLATE_HASH);
  }

  private Pod newPod(ReplicaSet rs) {
    PodTemplateSpec template = rs.getSpec().getTemplate();
    return new PodBuilder()
        .withMetadata(new ObjectMetaBuilder(template.getMetadata())
            .withName(rs.getMetadata().getName() + "-" + (++podCounter))
            .withNamespace(namespace())
            .withCreationTimestamp(Times.format(now))
            .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(RS_VERSION)
                .withKind(Kinds.REPLICA_SET).withName(rs.getMetadata().getName())
                .withUid(rs.getMetadata().getUid()).withController(true).build())
            .build())
        .withSpec(template.getSpec())
        .build();
  }

  private List<Pod> podsOf(String replicaSet) {
    return all("v1", "Pod", Pod.class).stream().filter(pod -> ownedBy(pod, replicaSet)).toList();
  }

  private static boolean ownedBy(Pod pod, String replicaSet) {
    return pod.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> replicaSet.equals(ref.getName()));
  }

  /** Objects read from the store are shared until written again: never change them. */
  private <T> List<T> all(String apiVersion, String kind, Class<T> type) {
    return objects.list(apiVersion, kind, namespace(), type);
  }

  private <T> Optional<T> find(ObjectKey key, Class<T> type) {
    return Optional.ofNullable(objects.get(key, type));
  }

  private static String image(PodTemplateSpec template) {
    return Objects.requireNonNull(template.getSpec().getContainers().get(0).getImage());
  }
}
