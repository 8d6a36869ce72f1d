package dev.ramp.controller.config;

import java.time.Duration;
import java.util.Map;

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

  static final int DEFAULT_RETRY_SECONDS = 600;

  public static NotificationSettings defaults() {
    return new NotificationSettings(DEFAULT_NAMESPACE, "", DEFAULT_GIVE_UP_AFTER, false);
  }

  /**
   * Reads the settings from flags and the environment, as {@link ControllerConfig#read}; the
   * namespace is the pod's own when it runs in one.
   *
   * @throws InvalidConfigException naming the flag or variable whose value is wrong
   */
  public static NotificationSettings read(Map<String, String> flags, Map<String, String> env) {
    SettingValues values = new SettingValues(flags, env);
    String namespace = values.get(Setting.NOTIFICATIONS_NAMESPACE)
        .or(() -> values.get(Setting.LEADER_ELECTION_NAMESPACE)).orElse(DEFAULT_NAMESPACE);
    String dashboard = values.get(Setting.DASHBOARD_URL).orElse("");
    if (!dashboard.isEmpty() && !dashboard.matches("https?://\\S+")) {
      throw values.fail(Setting.DASHBOARD_URL, dashboard, "is not an http or https URL");
    }
    Duration retry = Duration.ofSeconds(values.integer(Setting.NOTIFICATIONS_RETRY_SECONDS,
        DEFAULT_RETRY_SECONDS, 1, 86_400));
    return new NotificationSettings(namespace, dashboard, retry,
        values.bool(Setting.NAMESPACE_NOTIFICATIONS));
  }

  public NotificationSettings inNamespace(String controllerNamespace) {
    return new NotificationSettings(controllerNamespace, dashboardUrl, giveUpAfter,
        namespaceConfigs);
  }

  public NotificationSettings withGiveUpAfter(Duration retryFor) {
    return new NotificationSettings(namespace, dashboardUrl, retryFor, namespaceConfigs);
  }
}
