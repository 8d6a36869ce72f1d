package dev.ramp.controller;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The pods of one rollout's ReplicaSets after every change a watch delivers, in the order the
 * API server made them: watching, not sampling, so a moment with too many pods asked for or too
 * few available is seen however short it was.
 */
final class ReplicaSetWatch implements AutoCloseable {

  /**
   * The ReplicaSets' sizes after one change.
   *
   * @param byName spec.replicas by ReplicaSet name
   * @param asked the sum of spec.replicas
   * @param available available pods the ReplicaSets keep: min(spec.replicas, available) each
   */
  record Pods(Map<String, Integer> byName, int asked, int available) {}

  private final String rollout;
  private final Map<String, ReplicaSet> current = new TreeMap<>();
  private final List<Pods> seen = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<ReplicaSet> informer;

  ReplicaSetWatch(KubernetesClient client, String rollout) {
    this.rollout = rollout;
    informer = client.apps().replicaSets().inNamespace(Cluster.NS).inform(new Recorder());
  }

  /** Every state seen, in order; the first is the one the watch started from. */
  List<Pods> seen() {
    return List.copyOf(seen);
  }

  /** Waits until the watch has seen a state that satisfies {@code condition}. */
  Pods await(Predicate<Pods> condition) {
    return Awaitility.await().atMost(Cluster.TIMEOUT).until(
        () -> seen.stream().filter(condition).findFirst(), found -> found.isPresent()).get();
  }

  @Override
  public void close() {
    informer.close();
  }

  private boolean owned(ReplicaSet rs) {
    return rs.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> ref.getName().equals(rollout));
  }

  private void record() {
    Map<String, Integer> sizes = new TreeMap<>();
    int available = 0;
    for (ReplicaSet rs : current.values()) {
      int replicas = rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
      Integer ready = rs.getStatus() == null ? null : rs.getStatus().getAvailableReplicas();
      sizes.put(rs.getMetadata().getName(), replicas);
      available += Math.min(replicas, ready == null ? 0 : ready);
    }
    seen.add(new Pods(sizes, sizes.values().stream().mapToInt(Integer::intValue).sum(),
        available));
  }

  /** Called by the informer's one thread, so {@link #current} needs no lock. */
  private final class Recorder implements ResourceEventHandler<ReplicaSet> {
    @Override
    public void onAdd(ReplicaSet rs) {
      onUpdate(null, rs);
    }

    @Override
    public void onUpdate(ReplicaSet before, ReplicaSet rs) {
      if (owned(rs)) {
        current.put(rs.getMetadata().getName(), rs);
        record();
      }
    }

    @Override
    public void onDelete(ReplicaSet rs, boolean unknownFinalState) {
      if (current.remove(rs.getMetadata().getName()) != null) {
        record();
      }
    }
  }
}
