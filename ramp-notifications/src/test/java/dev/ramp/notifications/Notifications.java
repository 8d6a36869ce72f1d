package dev.ramp.notifications;

import dev.ramp.api.Rollout;
import dev.ramp.api.notifications.Delivery;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/** What the tests of this module share: a rollout as users write it and its messages. */
final class Notifications {
  static final HttpSend HTTP = new HttpSend(HttpClient.newHttpClient());

  /** A canary rollout as a user writes it, at 25% on its second step, with a status. */
  static final String ROLLOUT = """
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata: {name: checkout, namespace: shop, uid: 7f3c}
      spec:
        selector: {matchLabels: {app: checkout}}
        template:
          metadata: {labels: {app: checkout}}
          spec: {containers: [{name: app, image: "example/checkout:v42"}]}
        strategy:
          canary:
            steps: [{setWeight: 25}, {pause: {}}, {setWeight: 50}]
      status: {phase: Paused, updatedRevision: 85b7d1, currentStepIndex: 1, canary: {weight: 25}}
      """;

  private Notifications() {}

  static Rollout rollout() {
    return Serialization.unmarshal(ROLLOUT, Rollout.class);
  }

  static NotificationConfig config(Map<String, String> data, Map<String, String> secret) {
    return NotificationConfig.read(data, secret, "namespace ramp-system", HTTP);
  }

  /** The message a subscription of the service to the trigger sends, as the queue gets it. */
  static Outgoing outgoing(NotificationConfig config, String trigger, String service,
      String verdict) {
    List<NotificationConfig.Send> sends = config.sends(trigger, service);
    NotificationConfig.Send send = sends.get(0);
    if (send.problem() != null) {
      throw new AssertionError(send.problem());
    }
    Delivery delivery = new Delivery();
    delivery.id = service + "-" + trigger;
    delivery.trigger = trigger;
    delivery.template = send.template();
    delivery.service = service;
    delivery.recipient = "";
    delivery.revision = "85b7d1";
    delivery.step = 1;
    delivery.weight = 25;
    delivery.verdict = verdict;
    return config.outgoing(rollout(), delivery, "https://ramp.example/rollouts/shop/checkout",
        Map.of()).orElseThrow();
  }

  static NotificationService service(NotificationConfig config, String name) {
    NotificationConfig.ServiceEntry entry = config.services().get(name);
    if (entry.problem() != null) {
      throw new AssertionError(entry.problem());
    }
    return entry.service();
  }
}
