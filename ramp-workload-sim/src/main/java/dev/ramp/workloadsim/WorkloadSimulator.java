package dev.ramp.workloadsim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the parts of a cluster that an API server alone does not have: the ReplicaSet controller
 * (pods created and deleted to match each ReplicaSet, its status counted), the kubelet (a pod
 * turns Ready a while after it is created, unless its image never starts) and the garbage
 * collector (objects whose owner is gone are deleted).
 */
public final class WorkloadSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadSimulator.class);
  private static final Duration PERIOD = Duration.ofMillis(50);

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "workload-simulator");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Duration readyDelay;
  private volatile Predicate<String> imageStarts;

  /**
   * @param readyDelay how long after creation a pod becomes Ready
   * @param imageStarts false for images whose pods never become Ready
   */
  public WorkloadSimulator(KubernetesClient client, Clock clock, Duration readyDelay,
      Predicate<String> imageStarts) {
    this.client = client;
    this.clock = clock;
    this.readyDelay = readyDelay;
    this.imageStarts = imageStarts;
  }

  public WorkloadSimulator start() {
    loop.scheduleWithFixedDelay(this::syncQuietly, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public void setImageStarts(Predicate<String> imageStarts) {
    this.imageStarts = imageStarts;
  }

  public void setReadyDelay(Duration readyDelay) {
    this.readyDelay = readyDelay;
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (KubernetesClientException e) {
      LOG.debug("workload simulation round failed, retrying: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("workload simulation round failed", e);
    }
  }

  /** One round: garbage collection, then every ReplicaSet's pods and status. */
  void sync() {
    collectGarbage();
    List<ReplicaSet> replicaSets = client.apps().replicaSets().inAnyNamespace().list().getItems();
    Map<String, List<Pod>> podsByOwner = client.pods().inAnyNamespace().list().getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .collect(Collectors.groupingBy(WorkloadSimulator::ownerUid));
    for (ReplicaSet rs : replicaSets) {
      syncReplicaSet(rs, podsByOwner.getOrDefault(rs.getMetadata().getUid(), List.of()));
    }
  }

  private void syncReplicaSet(ReplicaSet rs, List<Pod> existing) {
    int wanted = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    List<Pod> pods = new ArrayList<>(existing);
    while (pods.size() < wanted) {
      pods.add(createPod(rs));
    }
    if (pods.size() > wanted) {
      // Like the ReplicaSet controller: pods that are not ready go first, then the newest.
      pods.sort(Comparator.comparing(WorkloadSimulator::isReady)
          .thenComparing(p -> firstSeen.getOrDefault(p.getMetadata().getUid(), Instant.MIN),
              Comparator.reverseOrder()));
      for (Pod surplus : pods.subList(0, pods.size() - wanted)) {
        client.pods().inNamespace(surplus.getMetadata().getNamespace())
            .withName(surplus.getMetadata().getName()).delete();
        firstSeen.remove(surplus.getMetadata().getUid());
      }
      pods = new ArrayList<>(pods.subList(pods.size() - wanted, pods.size()));
    }
    int ready = 0;
    for (Pod pod : pods) {
      if (isReady(pod) || becomeReady(pod)) {
        ready++;
      }
    }
    writeStatus(rs, pods.size(), ready);
  }

  private Pod createPod(ReplicaSet rs) {
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36),
        36);
    Pod pod = new PodBuilder()
        .withNewMetadata()
        .withName(rs.getMetadata().getName() + "-" + suffix)
        .withNamespace(rs.getMetadata().getNamespace())
        .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
        .withAnnotations(rs.getSpec().getTemplate().getMetadata().getAnnotations())
        .withCreationTimestamp(clock.instant().toString())
        .addNewOwnerReference()
        .withApiVersion("apps/v1").withKind("ReplicaSet")
        .withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true)
        .endOwnerReference()
        .endMetadata()
        .withSpec(rs.getSpec().getTemplate().getSpec())
        .withNewStatus().withPhase("Pending").endStatus()
        .build();
    Pod created = client.pods().resource(pod).create();
    firstSeen.put(created.getMetadata().getUid(), clock.instant());
    return created;
  }

  /** Marks the pod Ready once its delay has passed and its image starts; true if it did. */
  private boolean becomeReady(Pod pod) {
    Instant seen = firstSeen.computeIfAbsent(pod.getMetadata().getUid(), uid -> clock.instant());
    boolean starts = pod.getSpec().getContainers().stream()
        .allMatch(c -> imageStarts.test(c.getImage()));
    if (!starts || clock.instant().isBefore(seen.plus(readyDelay))) {
      return false;
    }
    String now = clock.instant().toString();
    String status = "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\","
        + "\"status\":\"True\",\"lastTransitionTime\":\"" + now + "\"}]}}";
    client.pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), status);
    return true;
  }

  private void writeStatus(ReplicaSet rs, int replicas, int ready) {
    var status = rs.getStatus();
    Long generation = rs.getMetadata().getGeneration();
    if (status != null && Integer.valueOf(replicas).equals(status.getReplicas())
        && Integer.valueOf(ready).equals(status.getReadyReplicas())
        && Integer.valueOf(ready).equals(status.getAvailableReplicas())
        && java.util.Objects.equals(generation, status.getObservedGeneration())) {
      return;
    }
    String patch = "{\"status\":{\"replicas\":" + replicas + ",\"fullyLabeledReplicas\":"
        + replicas + ",\"readyReplicas\":" + ready + ",\"availableReplicas\":" + ready
        + (generation == null ? "" : ",\"observedGeneration\":" + generation) + "}}";
    client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
        .withName(rs.getMetadata().getName())
        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /** Deletes ReplicaSets and pods whose controlling owner no longer exists. */
  private void collectGarbage() {
    Map<String, Boolean> exists = new HashMap<>();
    List<HasMetadata> owned = new ArrayList<>();
    owned.addAll(client.apps().replicaSets().inAnyNamespace().list().getItems());
    owned.addAll(client.pods().inAnyNamespace().list().getItems());
    for (HasMetadata object : owned) {
      Optional<OwnerReference> owner = object.getMetadata().getOwnerReferences().stream()
          .filter(ref -> Boolean.TRUE.equals(ref.getController())).findFirst();
      if (owner.isEmpty()) {
        continue;
      }
      String namespace = object.getMetadata().getNamespace();
      OwnerReference ref = owner.get();
      boolean alive = exists.computeIfAbsent(namespace + "/" + ref.getUid(),
          key -> ownerExists(namespace, ref));
      if (!alive) {
        client.resource(object).delete();
      }
    }
  }

  private boolean ownerExists(String namespace, OwnerReference ref) {
    GenericKubernetesResource found = client.genericKubernetesResources(ref.getApiVersion(),
        ref.getKind()).inNamespace(namespace).withName(ref.getName()).get();
    return found != null && ref.getUid().equals(found.getMetadata().getUid());
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String ownerUid(Pod pod) {
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(ref -> "ReplicaSet".equals(ref.getKind()))
        .map(OwnerReference::getUid).findFirst().orElse("");
  }
}
