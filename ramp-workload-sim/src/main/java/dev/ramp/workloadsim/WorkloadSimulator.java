package dev.ramp.workloadsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
import java.util.Set;
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
 * (pods created and deleted to match each ReplicaSet, its status counted), the Job controller (a
 * pod per Job, then the Job completes or fails), the kubelet (a pod turns Ready a while after it
 * is created, unless it never starts), the garbage collector (objects whose owner is gone are
 * deleted) and the controllers of routers ({@link SimulatedRouters}: the status of their objects).
 */
public final class WorkloadSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadSimulator.class);
  private static final Duration PERIOD = Duration.ofMillis(50);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "workload-simulator");
    thread.setDaemon(true);
    return thread;
  });
  /** A pod template annotated with this set to "false" never becomes ready (a crash loop). */
  public static final String READY = "sandbox.ramp.dev/ready";
  /** A Job's pod template annotated with this set to "fail" makes the Job fail. */
  public static final String JOB_RESULT = "sandbox.ramp.dev/job-result";

  private final Duration readyDelay;
  private final Predicate<Pod> starts;

  /**
   * @param readyDelay how long after creation a pod becomes Ready (and a Job finishes)
   * @param starts false for pods that never become Ready
   */
  public WorkloadSimulator(KubernetesClient client, Clock clock, Duration readyDelay,
      Predicate<Pod> starts) {
    this.client = client;
    this.clock = clock;
    this.readyDelay = readyDelay;
    this.starts = starts;
  }

  /** Pods start unless their template is annotated {@code sandbox.ramp.dev/ready: "false"}. */
  public static boolean startsUnlessAnnotated(Pod pod) {
    return !"false".equals(annotation(pod.getMetadata(), READY));
  }

  public WorkloadSimulator start() {
    loop.scheduleWithFixedDelay(this::syncQuietly, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return this;
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
    for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
      syncJob(job, podsByOwner.getOrDefault(job.getMetadata().getUid(), List.of()));
    }
    syncRoutes();
  }

  /**
   * The router objects of the kinds whose CRD is installed get the status their controller
   * writes, from one listing per kind per round and one of what they refer to (Services,
   * Namespaces, Gateways), however many objects there are.
   */
  private void syncRoutes() {
    Set<String> crds = client.apiextensions().v1().customResourceDefinitions().list().getItems()
        .stream().map(crd -> crd.getMetadata().getName()).collect(Collectors.toSet());
    List<SimulatedRouters.Kind> installed = SimulatedRouters.KINDS.stream()
        .filter(kind -> crds.contains(kind.crd())).toList();
    if (installed.isEmpty()) {
      return;
    }
    Map<String, JsonNode> parents = new HashMap<>();
    List<HasMetadata> candidates = new ArrayList<>(client.services().inAnyNamespace().list()
        .getItems());
    candidates.addAll(client.namespaces().list().getItems());
    if (crds.contains("gateways.gateway.networking.k8s.io")) {
      candidates.addAll(client.genericKubernetesResources("gateway.networking.k8s.io/v1",
          "Gateway").inAnyNamespace().list().getItems());
    }
    candidates.forEach(object -> parents.put(key(object.getKind(),
        object.getMetadata().getNamespace(), object.getMetadata().getName()),
        JSON.valueToTree(object)));
    for (SimulatedRouters.Kind kind : installed) {
      for (GenericKubernetesResource route : client.genericKubernetesResources(kind.apiVersion(),
          kind.kind()).inAnyNamespace().list().getItems()) {
        ObjectNode status = kind.status(JSON.valueToTree(route),
            (apiVersion, k, namespace, name) -> parents.get(key(k, namespace, name)),
            clock.instant());
        if (status != null) {
          // A JSON patch of the status alone: a merge patch would not replace lists, and a whole
          // object written back would put back a spec Ramp may have changed since the listing.
          client.genericKubernetesResources(kind.apiVersion(), kind.kind())
              .inNamespace(route.getMetadata().getNamespace())
              .withName(route.getMetadata().getName()).subresource("status")
              .patch(PatchContext.of(PatchType.JSON),
                  "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + status + "}]");
        }
      }
    }
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  /** A Job runs one pod; once the ready delay has passed the Job completes, or fails. */
  private void syncJob(Job job, List<Pod> pods) {
    if (job.getStatus() != null && (job.getStatus().getSucceeded() != null
        || job.getStatus().getFailed() != null)) {
      return;
    }
    PodTemplateSpec template = job.getSpec().getTemplate();
    Pod pod = pods.isEmpty() ? createPod(job, template) : pods.get(0);
    Instant seen = firstSeen.computeIfAbsent(pod.getMetadata().getUid(), uid -> clock.instant());
    if (clock.instant().isBefore(seen.plus(readyDelay))) {
      return;
    }
    boolean fail = "fail".equals(annotation(template.getMetadata(), JOB_RESULT));
    String now = clock.instant().toString();
    patchStatus(pod, "{\"status\":{\"phase\":\"" + (fail ? "Failed" : "Succeeded") + "\"}}");
    String condition = fail ? "Failed" : "Complete";
    client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
        .withName(job.getMetadata().getName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"" + (fail ? "failed"
            : "succeeded") + "\":1,\"startTime\":\"" + now + "\",\"completionTime\":\""
            + now + "\",\"conditions\":[{\"type\":\"" + condition
            + "\",\"status\":\"True\",\"lastTransitionTime\":\"" + now + "\"}]}}");
  }

  private void syncReplicaSet(ReplicaSet rs, List<Pod> existing) {
    int wanted = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    List<Pod> pods = new ArrayList<>(existing);
    while (pods.size() < wanted) {
      pods.add(createPod(rs, rs.getSpec().getTemplate()));
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

  private Pod createPod(HasMetadata owner, PodTemplateSpec template) {
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36),
        36);
    ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    Pod pod = new PodBuilder()
        .withNewMetadata()
        .withName(owner.getMetadata().getName() + "-" + suffix)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(meta.getLabels())
        .withAnnotations(meta.getAnnotations())
        .withCreationTimestamp(clock.instant().toString())
        .addNewOwnerReference()
        .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true)
        .endOwnerReference()
        .endMetadata()
        .withSpec(template.getSpec())
        .withNewStatus().withPhase("Pending").endStatus()
        .build();
    Pod created = client.pods().resource(pod).create();
    firstSeen.put(created.getMetadata().getUid(), clock.instant());
    return created;
  }

  /** Marks the pod Ready once its delay has passed and its image starts; true if it did. */
  private boolean becomeReady(Pod pod) {
    Instant seen = firstSeen.computeIfAbsent(pod.getMetadata().getUid(), uid -> clock.instant());
    if (!starts.test(pod) || clock.instant().isBefore(seen.plus(readyDelay))) {
      return false;
    }
    String now = clock.instant().toString();
    patchStatus(pod, "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":"
        + "\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"" + now + "\"}]}}");
    return true;
  }

  private void patchStatus(Pod pod, String status) {
    client.pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), status);
  }

  private static String annotation(ObjectMeta meta, String key) {
    return meta == null || meta.getAnnotations() == null ? null : meta.getAnnotations().get(key);
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
    owned.addAll(client.batch().v1().jobs().inAnyNamespace().list().getItems());
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
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .map(OwnerReference::getUid).findFirst().orElse("");
  }
}
