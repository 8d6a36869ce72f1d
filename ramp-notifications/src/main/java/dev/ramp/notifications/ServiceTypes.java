package dev.ramp.notifications;

import dev.ramp.notifications.services.EmailService;
import dev.ramp.notifications.services.GrafanaService;
import dev.ramp.notifications.services.PagerDutyService;
import dev.ramp.notifications.services.SlackService;
import dev.ramp.notifications.services.TeamsService;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** The services Ramp can send through, by the type their ConfigMap entry names. */
public final class ServiceTypes {
  private static final Map<String, BiFunction<ServiceSettings, HttpSend, NotificationService>>
      TYPES = new TreeMap<>(Map.of(
          "webhook", WebhookService::new,
          "slack", SlackService::new,
          "teams", TeamsService::new,
          "pagerdutyv2", PagerDutyService::new,
          "email", (settings, http) -> new EmailService(settings),
          "grafana", GrafanaService::new));

  /**
   * The sections a template may have besides {@code message}: every service type of Ramp's
   * notifications, so that one template serves them all.
   */
  public static final Set<String> TEMPLATE_SECTIONS =
      Set.of("webhook", "slack", "teams", "pagerdutyv2", "email", "grafana");

  private ServiceTypes() {}

  /**
   * Builds the service its settings describe.
   *
   * @throws NotificationConfigException for an unknown type (listing the known ones) or settings
   *     the service cannot use
   */
  public static NotificationService build(ServiceSettings settings, HttpSend http) {
    var factory = TYPES.get(settings.type());
    if (factory == null) {
      throw new NotificationConfigException("service." + settings.entryName()
          + ": unknown service type \"" + settings.type() + "\" (known: "
          + String.join(", ", TYPES.keySet()) + ")");
    }
    return factory.apply(settings, http);
  }
}
