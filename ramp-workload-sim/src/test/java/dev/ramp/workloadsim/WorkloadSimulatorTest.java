package dev.ramp.workloadsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkloadSimulatorTest {
  private MockKubernetes kubernetes;
  private KubernetesClient client;
  private WorkloadSimulator simulator;

  @BeforeEach
  void start() {
    kubernetes = MockKubernetes.start();
    client = kubernetes.client;
    simulator = new WorkloadSimulator(client, Clock.systemUTC(), Duration.ofMillis(200),
        WorkloadSimulator::startsUnlessAnnotated).start();
  }

  @AfterEach
  void stop() {
    simulator.close();
    kubernetes.close();
  }

  @Test
  void podsFollowTheReplicaSetAndBecomeReadyAfterTheDelay() {
    ReplicaSet rs = client.apps().replicaSets().resource(replicaSet("web", 3, Map.of())).create();

    await(() -> readyReplicas("web") == 3);
    assertThat(pods("web")).hasSize(3).allSatisfy(pod -> {
      assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid())
          .isEqualTo(rs.getMetadata().getUid());
      assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
    });

    client.apps().replicaSets().inNamespace("default").withName("web")
        .edit(r -> {
          r.getSpec().setReplicas(1);
          return r;
        });
    await(() -> pods("web").size() == 1 && readyReplicas("web") == 1);
  }

  @Test
  void aTemplateAnnotatedNotReadyNeverBecomesReady() {
    client.apps().replicaSets().resource(replicaSet("crash", 2,
        Map.of(WorkloadSimulator.READY, "false"))).create();
    client.apps().replicaSets().resource(replicaSet("twin", 2, Map.of())).create();

    // The twin is created after the crashing ReplicaSet, so once its pods have passed the ready
    // delay, the crashing pods have had at least as long to become ready, and did not.
    await(() -> pods("crash").size() == 2 && readyReplicas("twin") == 2);
    assertThat(readyReplicas("crash")).isZero();
    assertThat(client.apps().replicaSets().inNamespace("default").withName("crash").get()
        .getStatus().getReplicas()).isEqualTo(2);
  }

  @Test
  void jobsCompleteOrFailAsAnnotated() {
    client.batch().v1().jobs().resource(job("ok", Map.of())).create();
    client.batch().v1().jobs().resource(job("ko", Map.of(WorkloadSimulator.JOB_RESULT, "fail")))
        .create();

    await(() -> succeeded("ok") == 1);
    await(() -> failed("ko") == 1);
    Job ok = client.batch().v1().jobs().inNamespace("default").withName("ok").get();
    assertThat(ok.getStatus().getConditions()).singleElement()
        .satisfies(c -> assertThat(c.getType()).isEqualTo("Complete"));
  }

  @Test
  void objectsWhoseOwnerIsGoneAreCollected() {
    var owner = client.configMaps().resource(new ConfigMapBuilder()
        .withNewMetadata().withName("owner").withNamespace("default").endMetadata().build())
        .create();
    ReplicaSet rs = replicaSet("orphan", 1, Map.of());
    rs.getMetadata().getOwnerReferences().add(new io.fabric8.kubernetes.api.model
        .OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("owner")
        .withUid(owner.getMetadata().getUid()).withController(true).build());
    client.apps().replicaSets().resource(rs).create();
    await(() -> pods("orphan").size() == 1);

    client.configMaps().inNamespace("default").withName("owner").delete();

    await(() -> client.apps().replicaSets().inNamespace("default").withName("orphan").get()
        == null && pods("orphan").isEmpty());
  }

  private static PodTemplateSpec template(String app, Map<String, String> annotations) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", app).withAnnotations(annotations).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("demo").endContainer()
        .endSpec().build();
  }

  private static ReplicaSet replicaSet(String name, int replicas, Map<String, String> annotations) {
    return new ReplicaSetBuilder()
        .withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withTemplate(template(name, annotations)).endSpec().build();
  }

  private static Job job(String name, Map<String, String> annotations) {
    return new JobBuilder()
        .withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withTemplate(template(name, annotations)).endSpec().build();
  }

  private List<Pod> pods(String app) {
    return client.pods().inNamespace("default").withLabel("app", app).list().getItems();
  }

  private int readyReplicas(String name) {
    ReplicaSet rs = client.apps().replicaSets().inNamespace("default").withName(name).get();
    return rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0
        : rs.getStatus().getReadyReplicas();
  }

  private int succeeded(String job) {
    var status = client.batch().v1().jobs().inNamespace("default").withName(job).get().getStatus();
    return status == null || status.getSucceeded() == null ? 0 : status.getSucceeded();
  }

  private int failed(String job) {
    var status = client.batch().v1().jobs().inNamespace("default").withName(job).get().getStatus();
    return status == null || status.getFailed() == null ? 0 : status.getFailed();
  }

  private static void await(BooleanSupplier condition) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
  }
}
