package dev.ramp.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.notifications.BuiltInTriggers;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfig;
import dev.ramp.notifications.Subscription;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications ConfigMap and Rollouts' subscription annotations checked offline: services
 * that exist and can be built, templates that compile, triggers that are known and whose CEL
 * compiles. The Secret is not in the input: each {@code $key} stands for a value that fits.
 */
final class NotificationsLint {
  /** What a {@code $key} stands for: it fits a URL, a header, a token and a signing key. */
  private static final String SECRET_STAND_IN = "https://secret.invalid/";
  private static final HttpSend NO_SENDING = new HttpSend(HttpClient.newHttpClient());

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private NotificationConfig config;

  /** A ConfigMap named {@code ramp-notifications}. */
  static boolean isConfig(JsonNode document) {
    return "v1".equals(document.path("apiVersion").asText())
        && "ConfigMap".equals(document.path("kind").asText())
        && NotificationConfig.NAME.equals(document.at("/metadata/name").asText());
  }

  /** Reads the ConfigMap, for the subscriptions of the Rollouts; returns its problems. */
  List<String> config(JsonNode document) {
    Map<String, String> data = new HashMap<>();
    document.path("data").fields().forEachRemaining(e -> data.put(e.getKey(),
        e.getValue().asText()));
    Map<String, String> secret = new HashMap<>();
    NotificationConfig.secretKeys(data).forEach(key -> secret.put(key, SECRET_STAND_IN));
    config = NotificationConfig.read(data, secret, "the Secret", NO_SENDING);
    return config.allProblems();
  }

  /**
   * The problems of a Rollout's subscription annotations: against the ConfigMap read, or, when
   * the input has none, only their triggers against the built-in ones.
   */
  List<String> subscriptions(JsonNode rollout) {
    Map<String, String> annotations = serialization.convertValue(
        rollout.at("/metadata/annotations"), Map.class);
    if (annotations == null || annotations.keySet().stream()
        .noneMatch(k -> k.startsWith(Subscription.ANNOTATION_PREFIX))) {
      return List.of();
    }
    NotificationConfig against = config != null ? config : NotificationConfig.empty();
    List<String> problems = new ArrayList<>();
    for (Subscription subscription : Subscription.of(annotations, against)) {
      String where = "metadata.annotations: " + Subscription.ANNOTATION_PREFIX
          + subscription.trigger() + "." + subscription.service() + ": ";
      if (config == null) {
        if (!BuiltInTriggers.isBuiltIn(subscription.trigger())) {
          problems.add(where + "trigger \"" + subscription.trigger() + "\" is not built in, and"
              + " the input has no ConfigMap " + NotificationConfig.NAME + " to define it");
        }
        continue;
      }
      config.sends(subscription.trigger(), subscription.service()).stream()
          .filter(send -> send.problem() != null)
          .forEach(send -> problems.add(where + send.problem()));
    }
    return problems.stream().distinct().toList();
  }
}
