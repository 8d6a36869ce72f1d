package dev.ramp.sim.demo;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Ramp said about the demo's rollout, as Kubernetes Events, each told once. Scaling and
 * Service switches are left out: the progress line shows their effect.
 */
final class RampEvents {
  private static final Set<String> QUIET = Set.of("ScalingReplicaSet", "SwitchService");

  private final KubernetesClient client;
  private final String namespace;
  private final String rollout;
  private final Set<String> told = new HashSet<>();

  RampEvents(KubernetesClient client, String namespace, String rollout) {
    this.client = client;
    this.namespace = namespace;
    this.rollout = rollout;
    told.addAll(events().stream().map(e -> e.getMetadata().getName()).toList());
  }

  /** The events not told yet, oldest first, as "Reason: message". */
  List<String> fresh() {
    return events().stream()
        .filter(e -> told.add(e.getMetadata().getName()))
        .filter(e -> !QUIET.contains(e.getReason()))
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(namespace)
        .withField("involvedObject.name", rollout).list().getItems().stream()
        .sorted(Comparator.comparing(Event::getFirstTimestamp)
            .thenComparing(e -> e.getMetadata().getName()))
        .toList();
  }
}
