package dev.ramp.controller.resilience;

import dev.ramp.api.RampLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Records every change to Services, ReplicaSets, HTTPRoutes and Ingresses in the cluster, and
 * replays them in the order the API server made them (its resourceVersions are one counter for
 * all objects): after each change, every Service pinned to a revision (by Ramp's
 * {@code rollouts-pod-template-hash} selector), every HTTPRoute backend and every target group
 * of an AWS ALB action annotation with a weight above 0 must lead to a revision with available
 * pods. Watching, not sampling, so that a wrong state
 * that lasted a millisecond is seen too.
 */
final class TrafficWatch implements AutoCloseable {
  private static final Duration CATCH_UP = Duration.ofSeconds(10);

  /** One change as a watch delivered it; a deletion sorts after the object's last write. */
  private record Change(long version, boolean deleted, HasMetadata object) {
    String key() {
      return object.getKind() + "/" + object.getMetadata().getName();
    }
  }

  private final KubernetesClient client;
  private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
  private final List<SharedIndexInformer<?>> informers;

  TrafficWatch(KubernetesClient client) {
    this.client = client;
    informers = List.of(
        client.services().inAnyNamespace().inform(recorder()),
        client.apps().replicaSets().inAnyNamespace().inform(recorder()),
        client.resources(HTTPRoute.class).inAnyNamespace().inform(recorder()),
        client.network().v1().ingresses().inAnyNamespace().inform(recorder()));
  }

  /** Every moment the namespace's traffic led to a revision without available pods. */
  List<String> violations(String namespace) {
    awaitCaughtUp(namespace);
    Map<String, HasMetadata> objects = new HashMap<>();
    Set<String> found = new LinkedHashSet<>();
    changes.stream()
        .filter(change -> namespace.equals(change.object().getMetadata().getNamespace()))
        .sorted(Comparator.comparingLong(Change::version).thenComparing(Change::deleted))
        .forEach(change -> {
          if (change.deleted()) {
            objects.remove(change.key());
          } else {
            objects.put(change.key(), change.object());
          }
          misdirected(objects.values()).forEach(what -> found.add(what + " (after version "
              + change.version() + ")"));
        });
    return List.copyOf(found);
  }

  /** What in this state of a namespace sends users to a revision without available pods. */
  private static List<String> misdirected(Iterable<HasMetadata> objects) {
    Map<String, Integer> available = new HashMap<>();
    Map<String, String> pinned = new HashMap<>();
    List<HTTPRoute> routes = new ArrayList<>();
    List<Ingress> ingresses = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof ReplicaSet rs) {
        Integer count = rs.getStatus() == null ? null : rs.getStatus().getAvailableReplicas();
        available.merge(rs.getMetadata().getLabels().get(RampLabels.POD_TEMPLATE_HASH),
            count == null ? 0 : count, Integer::sum);
      } else if (object instanceof Service service && service.getSpec().getSelector() != null
          && service.getSpec().getSelector().containsKey(RampLabels.POD_TEMPLATE_HASH)) {
        pinned.put(service.getMetadata().getName(),
            service.getSpec().getSelector().get(RampLabels.POD_TEMPLATE_HASH));
      } else if (object instanceof HTTPRoute route) {
        routes.add(route);
      } else if (object instanceof Ingress ingress) {
        ingresses.add(ingress);
      }
    }
    List<String> wrong = new ArrayList<>();
    pinned.forEach((service, hash) -> {
      if (available.getOrDefault(hash, 0) == 0) {
        wrong.add("Service " + service + " selects revision " + hash
            + ", which has no available pods");
      }
    });
    for (HTTPRoute route : routes) {
      for (HTTPRouteRule rule : route.getSpec().getRules()) {
        for (HTTPBackendRef backend : rule.getBackendRefs()) {
          String hash = pinned.get(backend.getName());
          boolean sent = backend.getWeight() == null || backend.getWeight() > 0;
          if (sent && hash != null && available.getOrDefault(hash, 0) == 0) {
            wrong.add("HTTPRoute " + route.getMetadata().getName() + " sends weight "
                + backend.getWeight() + " to " + backend.getName() + ", revision " + hash
                + ", which has no available pods");
          }
        }
      }
    }
    for (Ingress ingress : ingresses) {
      AlbActions.weights(ingress).forEach((action, weights) -> weights.forEach((service, weight) -> {
        String hash = pinned.get(service);
        if (weight > 0 && hash != null && available.getOrDefault(hash, 0) == 0) {
          wrong.add("Ingress " + ingress.getMetadata().getName() + " action " + action
              + " sends weight " + weight + " to " + service + ", revision " + hash
              + ", which has no available pods");
        }
      }));
    }
    return wrong;
  }

  /** Waits until the watches have delivered the namespace's objects as they are now. */
  private void awaitCaughtUp(String namespace) {
    Awaitility.await().alias("the traffic watch to catch up in " + namespace).atMost(CATCH_UP)
        .until(() -> Stream.of(
                client.services().inNamespace(namespace).list().getItems().stream(),
                client.apps().replicaSets().inNamespace(namespace).list().getItems().stream(),
                client.resources(HTTPRoute.class).inNamespace(namespace).list().getItems()
                    .stream(),
                client.network().v1().ingresses().inNamespace(namespace).list().getItems()
                    .stream())
            .flatMap(s -> s.map(HasMetadata.class::cast))
            .allMatch(object -> changes.stream().anyMatch(change -> !change.deleted()
                && change.key().equals(object.getKind() + "/" + object.getMetadata().getName())
                && namespace.equals(change.object().getMetadata().getNamespace())
                && change.version() == version(object))));
  }

  private <T extends HasMetadata> ResourceEventHandler<T> recorder() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        changes.add(new Change(version(object), false, object));
      }

      @Override
      public void onUpdate(T before, T after) {
        changes.add(new Change(version(after), false, after));
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        changes.add(new Change(version(object), true, object));
      }
    };
  }

  private static long version(HasMetadata object) {
    return Long.parseLong(object.getMetadata().getResourceVersion());
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
