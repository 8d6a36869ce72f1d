package dev.ramp.controller.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.Rollout;
import dev.ramp.api.notifications.Delivery;
import dev.ramp.notifications.Receiver;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A webhook receiver subscribed to every run's rollout (the scenarios' Rollouts carry {@code
 * notifications.ramp.dev/subscribe.watch}, the ConfigMap in Ramp's namespace names the default
 * triggers): what each run's controllers sent, and what is wrong with it against an
 * uninterrupted run.
 */
final class NotificationWatch implements AutoCloseable {
  static final String SERVICE = "watch";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Receiver receiver = Receiver.start();

  /**
   * Triggers whose notifications are the same in every run: when steps complete depends on
   * timing (one reconcile may complete several, an analysis may fail a step earlier or later),
   * which revisions are updated, promoted or aborted does not.
   */
  private static final Set<String> DETERMINED = Set.of("on-rollout-updated",
      "on-rollout-completed", "on-rollout-aborted", "on-analysis-run-failed");

  /** One request received: its id, and what it is about. */
  record Received(String id, String trigger, String revision, int step) {
    String notification() {
      return trigger + " " + revision + " step " + step;
    }
  }

  NotificationWatch(KubernetesClient client) {
    client.configMaps().inNamespace("ramp-system").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("ramp-notifications").endMetadata()
        .addToData("service.webhook." + SERVICE, "{url: '" + receiver.url() + "', timeout: 5s}")
        .addToData("defaultTriggers", "[on-rollout-updated, on-rollout-step-completed,"
            + " on-rollout-completed, on-rollout-aborted, on-analysis-run-failed]")
        .build()).create();
  }

  /** Every delivery of the rollout is recorded as sent (or failed): none is left to send. */
  static boolean allRecorded(Rollout rollout) {
    return rollout.getStatus().notifications != null
        && rollout.getStatus().notifications.deliveries.stream()
            .noneMatch(d -> Delivery.PENDING.equals(d.state));
  }

  /** The requests about the namespace's rollout, in the order received. */
  List<Received> received(String namespace) {
    List<Received> received = new ArrayList<>();
    for (Receiver.Request request : receiver.requests()) {
      JsonNode body = json(request.body());
      if (namespace.equals(body.path("namespace").asText())) {
        received.add(new Received(request.header("Ramp-Delivery-Id"),
            body.path("trigger").asText(), body.path("revision").asText(),
            body.path("step").asInt()));
      }
    }
    return received;
  }

  /** The ids of the deliveries the rollout recorded as sent. */
  static Set<String> recorded(Rollout rollout) {
    Set<String> ids = new TreeSet<>();
    rollout.getStatus().notifications.deliveries.stream()
        .filter(d -> Delivery.SENT.equals(d.state)).forEach(d -> ids.add(d.id));
    return ids;
  }

  /**
   * What is wrong with a run's notifications: one the rollout recorded as sent that never
   * arrived or one that arrived unrecorded, a notification of the uninterrupted run's updates,
   * promotion or abort missing or one too many, two notifications under one id, or an id sent
   * again more often than the controller was replaced (only a controller that died between
   * sending and recording sends again).
   */
  static List<String> problems(List<Received> expected, List<Received> run, Set<String> recorded,
      int restarts) {
    List<String> problems = new ArrayList<>();
    Map<String, Received> byId = new HashMap<>();
    Map<String, Integer> sends = new HashMap<>();
    for (Received received : run) {
      Received before = byId.putIfAbsent(received.id(), received);
      if (before != null && !before.notification().equals(received.notification())) {
        problems.add("id " + received.id() + " carried both " + before.notification() + " and "
            + received.notification());
      }
      sends.merge(received.id(), 1, Integer::sum);
    }
    sends.forEach((id, count) -> {
      if (count > 1 + restarts) {
        problems.add(byId.get(id).notification() + " sent " + count + " times, with " + restarts
            + " restarts");
      }
    });
    if (!byId.keySet().equals(recorded)) {
      problems.add("received " + new TreeSet<>(byId.keySet()) + ", recorded as sent "
          + recorded);
    }
    if (!determined(byId.values()).equals(determined(distinct(expected).values()))) {
      problems.add("sent " + determined(byId.values()) + ", not "
          + determined(distinct(expected).values()));
    }
    return problems;
  }

  /** How many requests repeated an id already received. */
  static int repeats(List<Received> run) {
    return run.size() - distinct(run).size();
  }

  private static Map<String, Received> distinct(List<Received> received) {
    Map<String, Received> byId = new HashMap<>();
    received.forEach(r -> byId.putIfAbsent(r.id(), r));
    return byId;
  }

  /** The determined notifications (trigger and revision), and how many deliveries of each. */
  private static Map<String, Integer> determined(Collection<Received> received) {
    Map<String, Integer> counts = new TreeMap<>();
    received.stream().filter(r -> DETERMINED.contains(r.trigger()))
        .forEach(r -> counts.merge(r.trigger() + " " + r.revision(), 1, Integer::sum));
    return counts;
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    receiver.close();
  }
}
