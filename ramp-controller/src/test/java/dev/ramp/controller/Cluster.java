package dev.ramp.controller;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.workloadsim.MockKubernetes;
import dev.ramp.workloadsim.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/**
 * A cluster for controller tests: fabric8's CRUD mock API server with Ramp's CRDs, the workload
 * simulator playing ReplicaSet controller and kubelet, and Ramp's real operator.
 */
public final class Cluster implements AutoCloseable {
  public static final String NS = "default";
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> CRDS = List.of("rollouts.ramp.dev",
      "analysistemplates.ramp.dev", "clusteranalysistemplates.ramp.dev",
      "analysisruns.ramp.dev", "experiments.ramp.dev");

  final KubernetesMockServer server;
  public final KubernetesClient client;
  private final MockKubernetes kubernetes;
  final WorkloadSimulator workloads;
  private RampOperator operator;
  private NotificationSettings notifications = NotificationSettings.defaults();
  private SimpleMeterRegistry registry;

  private Cluster() {
    kubernetes = MockKubernetes.start(CRDS.toArray(String[]::new));
    server = kubernetes.server;
    client = kubernetes.client;
    workloads = new WorkloadSimulator(client, Clock.systemUTC(), Duration.ofMillis(100),
        pod -> pod.getSpec().getContainers().stream()
            .noneMatch(c -> c.getImage().contains("never-ready"))).start();
    startController();
  }

  public static Cluster start() {
    return new Cluster();
  }

  /** Stops the controller and starts a new one, as after a crash or a redeploy. */
  void restartController() {
    operator.close();
    startController();
  }

  /** Restarts the controller with these notification settings, kept for later restarts. */
  void notifyWith(NotificationSettings settings) {
    notifications = settings;
    restartController();
  }

  /** The metrics of the controller running now. */
  MeterRegistry registry() {
    return registry;
  }

  void stopController() {
    operator.close();
  }

  void startController() {
    registry = new SimpleMeterRegistry();
    operator = RampOperator.create(client, Clock.systemUTC(), ControllerConfig.defaults(),
        registry, notifications).start();
  }

  public Rollout create(Rollout rollout) {
    return client.resources(Rollout.class).inNamespace(NS).resource(rollout).create();
  }

  public Rollout rollout(String name) {
    return client.resources(Rollout.class).inNamespace(NS).withName(name).get();
  }

  /** Waits until the rollout satisfies the condition; fails with its last status otherwise. */
  public Rollout await(String name, String what, Predicate<Rollout> condition) {
    Awaitility.await().alias(name + ": " + what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          Rollout current = rollout(name);
          return current != null && current.getStatus() != null && condition.test(current);
        });
    return rollout(name);
  }

  public Rollout awaitPhase(String name, String phase) {
    return await(name, "phase " + phase, r -> phase.equals(r.getStatus().phase)
        && r.getStatus().observedGeneration != null
        && r.getStatus().observedGeneration.equals(r.getMetadata().getGeneration()));
  }

  Rollout awaitStep(String name, int index, String phase) {
    return await(name, "step " + index + " " + phase,
        r -> phase.equals(r.getStatus().phase) && r.getStatus().currentStepIndex != null
            && r.getStatus().currentStepIndex == index);
  }

  /** A JSON merge patch on the spec, as {@code kubectl patch --type merge} sends it. */
  void patch(String name, String json) {
    client.resources(Rollout.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** A merge patch on the status, as {@code kubectl patch --subresource=status} sends it. */
  void patchStatus(String name, String json) {
    client.resources(Rollout.class).inNamespace(NS).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** Changes the image of the first container with a JSON patch. */
  public void setImage(String name, String image) {
    client.resources(Rollout.class).inNamespace(NS).withName(name)
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\","
            + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"" + image
            + "\"}]");
  }

  public List<ReplicaSet> replicaSets(String rollout) {
    return client.apps().replicaSets().inNamespace(NS).list().getItems().stream()
        .filter(rs -> rs.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> ref.getName().equals(rollout)))
        .toList();
  }

  ReplicaSet replicaSet(String rollout, String hash) {
    return client.apps().replicaSets().inNamespace(NS).withName(rollout + "-" + hash).get();
  }

  int replicas(String rollout, String hash) {
    ReplicaSet rs = replicaSet(rollout, hash);
    return rs == null ? 0 : rs.getSpec().getReplicas();
  }

  public List<Event> events(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /**
   * Runs an assertion on Events until it holds: Ramp records an Event after the status write it
   * reports, so a test that has just seen a status may not see its Event yet.
   */
  public void eventually(ThrowingRunnable assertion) {
    Awaitility.await().atMost(TIMEOUT).untilAsserted(assertion);
  }

  List<String> eventReasons(String name) {
    return events(name).stream()
        .sorted(java.util.Comparator.comparing(Event::getFirstTimestamp)
            .thenComparing(e -> e.getMetadata().getName()))
        .map(Event::getReason).toList();
  }

  Service createService(String name, String app) {
    return client.services().inNamespace(NS).resource(new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().addToSelector("app", app).addNewPort().withPort(80).endPort().endSpec()
        .build()).create();
  }

  String pinnedHash(String service) {
    return client.services().inNamespace(NS).withName(service).get().getSpec().getSelector()
        .get(RampLabels.POD_TEMPLATE_HASH);
  }

  @Override
  public void close() {
    operator.close();
    workloads.close();
    kubernetes.close();
  }
}
