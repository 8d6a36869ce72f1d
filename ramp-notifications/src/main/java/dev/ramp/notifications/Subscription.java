package dev.ramp.notifications;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recipient of one service subscribed to one trigger.
 *
 * @param recipient empty for a service that needs none (a webhook)
 */
public record Subscription(String trigger, String service, String recipient) {
  public static final String ANNOTATION_PREFIX = "notifications.ramp.dev/subscribe.";

  /**
   * A rollout's subscriptions: its annotations {@code notifications.ramp.dev/subscribe.<trigger>.
   * <service>: "<recipient>[;<recipient>]"} ({@code subscribe.<service>} for the default
   * triggers) and the ConfigMap's default subscriptions; each once.
   */
  public static List<Subscription> of(Map<String, String> annotations,
      NotificationConfig config) {
    Set<Subscription> subscriptions = new LinkedHashSet<>();
    annotations.forEach((key, value) -> {
      if (!key.startsWith(ANNOTATION_PREFIX)) {
        return;
      }
      String rest = key.substring(ANNOTATION_PREFIX.length());
      int dot = rest.lastIndexOf('.');
      List<String> triggers = dot < 0 ? config.defaultTriggers()
          : List.of(rest.substring(0, dot));
      String service = rest.substring(dot + 1);
      for (String trigger : triggers) {
        for (String recipient : recipients(value)) {
          subscriptions.add(new Subscription(trigger, service, recipient));
        }
      }
    });
    for (NotificationConfig.DefaultSubscription defaults : config.subscriptions()) {
      List<String> triggers = defaults.triggers().isEmpty() ? config.defaultTriggers()
          : defaults.triggers();
      for (String recipient : defaults.recipients()) {
        int colon = recipient.indexOf(':');
        String service = colon < 0 ? recipient : recipient.substring(0, colon);
        String to = colon < 0 ? "" : recipient.substring(colon + 1);
        triggers.forEach(t -> subscriptions.add(new Subscription(t, service.strip(), to.strip())));
      }
    }
    return new ArrayList<>(subscriptions);
  }

  private static List<String> recipients(String value) {
    List<String> recipients = new ArrayList<>();
    for (String part : (value == null ? "" : value).split(";")) {
      if (!part.isBlank()) {
        recipients.add(part.strip());
      }
    }
    return recipients.isEmpty() ? List.of("") : recipients;
  }
}
