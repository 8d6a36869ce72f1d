package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ReplicaSets under a Rollout's selector that no Rollout made: one left running the Rollout's
 * template is adopted with its pods; another one stops the Rollout, saying which and what to do,
 * instead of running beside it.
 */
class StrayReplicaSetsTest extends ClusterTest {
  /** What an Argo Rollout deleted with --cascade=orphan leaves, as the API server shows it. */
  private static final String ORPHANED_BY_ARGO = """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: shop-6d4f9c7b8
        namespace: default
        labels: {app: shop, rollouts-pod-template-hash: 6d4f9c7b8}
        annotations: {rollout.argoproj.io/revision: "4", rollout.argoproj.io/desired-replicas: "3"}
      spec:
        replicas: 3
        selector: {matchLabels: {app: shop, rollouts-pod-template-hash: 6d4f9c7b8}}
        template:
          metadata:
            creationTimestamp: null
            labels: {app: shop, rollouts-pod-template-hash: 6d4f9c7b8}
          spec:
            containers:
            - name: app
              image: demo:v1
              imagePullPolicy: IfNotPresent
              resources: {}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
      """;

  /** What a Deployment deleted with --cascade=orphan leaves, an older image than the Rollout's. */
  private static final String ORPHANED_BY_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: cart-7f9c5d
        namespace: default
        labels: {app: cart, pod-template-hash: 7f9c5d}
        annotations: {deployment.kubernetes.io/revision: "2"}
      spec:
        replicas: 2
        selector: {matchLabels: {app: cart, pod-template-hash: 7f9c5d}}
        template:
          metadata: {labels: {app: cart, pod-template-hash: 7f9c5d}}
          spec: {containers: [{name: app, image: demo:v0}]}
      """;

  @Test
  void anOrphanRunningTheRolloutsTemplateIsAdoptedWithItsPodsAsTheyAre() {
    ReplicaSet orphan = createAndAwaitPods(ORPHANED_BY_ARGO, 3);
    Set<String> podsBefore = podUids("shop");

    Rollout rollout = cluster.create(Rollouts.canary("shop", 3, "demo:v1", weight(50)));

    Rollout healthy = cluster.awaitPhase("shop", "Healthy");
    assertThat(healthy.getStatus().stableRevision).isEqualTo("6d4f9c7b8");
    assertThat(replicaSetsSelecting("shop")).singleElement().satisfies(rs -> {
      assertThat(rs.getMetadata().getUid()).isEqualTo(orphan.getMetadata().getUid());
      assertThat(rs.getMetadata().getLabels()).isEqualTo(orphan.getMetadata().getLabels());
      assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
        assertThat(owner.getKind()).isEqualTo("Rollout");
        assertThat(owner.getUid()).isEqualTo(rollout.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
      });
    });
    assertThat(podUids("shop")).as("the same pods, none restarted").isEqualTo(podsBefore);
    cluster.eventually(() -> assertThat(cluster.events("shop"))
        .anyMatch(e -> e.getReason().equals("AdoptedReplicaSet")
            && e.getMessage().contains("shop-6d4f9c7b8")));
  }

  @Test
  void anOrphanOfAnotherTemplateStopsTheRolloutUntilItIsScaledToZero() {
    createAndAwaitPods(ORPHANED_BY_DEPLOYMENT, 2);

    cluster.create(Rollouts.canary("cart", 2, "demo:v1", weight(50)));

    String problem = "ReplicaSet \"cart-7f9c5d\" runs pods that spec.selector \"app=cart\""
        + " selects, of a pod template other than the Rollout's: scale it to zero or delete it,"
        + " or give the Rollout labels of its own";
    Rollout refused = cluster.await("cart", "InvalidSpec", r -> r.getStatus().conditions
        .stream().anyMatch(c -> c.type.equals(RolloutCondition.INVALID_SPEC)));
    assertThat(refused.getStatus().message).isEqualTo("Invalid spec: " + problem);
    cluster.eventually(() -> assertThat(cluster.events("cart"))
        .anyMatch(e -> e.getType().equals("Warning") && e.getReason().equals("InvalidSpec")
            && e.getMessage().contains(problem)));
    assertThat(cluster.replicaSets("cart")).as("no ReplicaSet beside the orphan").isEmpty();
    assertThat(podUids("cart")).hasSize(2);

    cluster.client.apps().replicaSets().inNamespace(Cluster.NS).withName("cart-7f9c5d")
        .scale(0);

    Rollout released = cluster.awaitPhase("cart", "Healthy");
    assertThat(released.getStatus().conditions)
        .noneMatch(c -> c.type.equals(RolloutCondition.INVALID_SPEC));
    assertThat(cluster.replicaSets("cart")).singleElement()
        .satisfies(rs -> assertThat(rs.getSpec().getReplicas()).isEqualTo(2));
  }

  private ReplicaSet createAndAwaitPods(String manifest, int pods) {
    HasMetadata object = cluster.client.getKubernetesSerialization().unmarshal(manifest);
    ReplicaSet created = cluster.client.apps().replicaSets().resource((ReplicaSet) object)
        .create();
    String app = created.getMetadata().getLabels().get("app");
    cluster.eventually(() -> assertThat(readyPods(app)).hasSize(pods));
    return created;
  }

  private List<ReplicaSet> replicaSetsSelecting(String app) {
    return cluster.client.apps().replicaSets().inNamespace(Cluster.NS).withLabel("app", app)
        .list().getItems();
  }

  private List<Pod> readyPods(String app) {
    return cluster.client.pods().inNamespace(Cluster.NS).withLabel("app", app).list().getItems()
        .stream()
        .filter(pod -> pod.getStatus() != null && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
        .toList();
  }

  private Set<String> podUids(String app) {
    return cluster.client.pods().inNamespace(Cluster.NS).withLabel("app", app).list()
        .getItems().stream().map(pod -> pod.getMetadata().getUid())
        .collect(Collectors.toSet());
  }
}
