package dev.ramp.controller.notifications;

import java.time.Duration;

/**
 * How the controller notifies.
 *
 * @param namespace where the ConfigMap and Secret {@code ramp-notifications} are: the
 *     controller's own namespace
 * @param dashboardUrl what templates get as {@code dashboardUrl}; empty when there is none
 * @param giveUpAfter how long a delivery worth retrying is retried before it fails
 * @param namespaceConfigs a namespace's own {@code ramp-notifications} ConfigMap and Secret serve
 *     its Rollouts instead (self-service)
 */
public record NotificationSettings(String namespace, String dashboardUrl, Duration giveUpAfter,
    boolean namespaceConfigs) {
  public static final String DEFAULT_NAMESPACE = "ramp-system";
  public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(10);

  public static NotificationSettings defaults() {
    return new NotificationSettings(DEFAULT_NAMESPACE, "", DEFAULT_GIVE_UP_AFTER, false);
  }

  public NotificationSettings inNamespace(String controllerNamespace) {
    return new NotificationSettings(controllerNamespace, dashboardUrl, giveUpAfter,
        namespaceConfigs);
  }

  public NotificationSettings withGiveUpAfter(Duration retryFor) {
    return new NotificationSettings(namespace, dashboardUrl, retryFor, namespaceConfigs);
  }
}
