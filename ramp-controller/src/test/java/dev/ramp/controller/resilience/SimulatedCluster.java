package dev.ramp.controller.resilience;

import dev.ramp.api.Rollout;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.workloadsim.MockKubernetes;
import dev.ramp.workloadsim.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * fabric8's CRUD mock API server with Ramp's CRDs and the Gateway API's, and the workload
 * simulator playing ReplicaSet controller and kubelet. Controllers are started by the tests,
 * each behind a proxy of its own ({@link ControllerProcess}); the test itself talks to the API
 * server directly.
 */
final class SimulatedCluster implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final MockKubernetes kubernetes = MockKubernetes.start("rollouts.ramp.dev",
      "analysistemplates.ramp.dev", "clusteranalysistemplates.ramp.dev",
      "analysisruns.ramp.dev", "experiments.ramp.dev");
  final KubernetesClient client = kubernetes.client;
  private final WorkloadSimulator workloads = new WorkloadSimulator(client, Clock.systemUTC(),
      Duration.ofMillis(100), WorkloadSimulator::startsUnlessAnnotated).start();

  SimulatedCluster() {
    client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
  }

  String apiUrl() {
    return client.getMasterUrl().toString();
  }

  /** Creates the objects of a multi-document YAML manifest in the namespace. */
  List<HasMetadata> apply(String namespace, String yaml) {
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .inNamespace(namespace).create();
  }

  Rollout rollout(String namespace, String name) {
    return client.resources(Rollout.class).inNamespace(namespace).withName(name).get();
  }

  List<ReplicaSet> replicaSets(String namespace) {
    return client.apps().replicaSets().inNamespace(namespace).list().getItems();
  }

  /** Changes the image of the rollout's first container, as {@code kubectl set image} does. */
  void setImage(String namespace, String name, String image) {
    client.resources(Rollout.class).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\","
            + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"" + image
            + "\"}]");
  }

  /** Waits until the rollout satisfies the condition; fails naming what it waited for. */
  Rollout await(String namespace, String name, String what, Predicate<Rollout> condition) {
    Awaitility.await().alias(namespace + "/" + name + ": " + what).atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> {
          Rollout current = rollout(namespace, name);
          return current != null && current.getStatus() != null && condition.test(current);
        });
    return rollout(namespace, name);
  }

  /** Healthy on the current spec, with the given revision stable or (null) any. */
  static Predicate<Rollout> healthy() {
    return r -> "Healthy".equals(r.getStatus().phase)
        && r.getMetadata().getGeneration().equals(r.getStatus().observedGeneration)
        && r.getStatus().stableRevision != null
        && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision);
  }

  @Override
  public void close() {
    workloads.close();
    kubernetes.close();
  }
}
