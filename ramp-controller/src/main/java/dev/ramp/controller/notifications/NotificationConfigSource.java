package dev.ramp.controller.notifications;

import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;

/**
 * The notifications ConfigMap and Secret, as the controller's own informers see them (so a change
 * takes effect without a restart), read again only when either changed. With namespace configs
 * on, a namespace's own pair serves its Rollouts, read when asked.
 */
final class NotificationConfigSource implements AutoCloseable {
  private final KubernetesClient client;
  private final NotificationSettings settings;
  private final HttpSend http;
  private final SharedIndexInformer<ConfigMap> configMaps;
  private final SharedIndexInformer<Secret> secrets;
  private volatile Read last;

  private record Read(String versions, NotificationConfig config) {}

  NotificationConfigSource(KubernetesClient client, NotificationSettings settings, HttpSend http) {
    this.client = client;
    this.settings = settings;
    this.http = http;
    this.configMaps = client.configMaps().inNamespace(settings.namespace())
        .withName(NotificationConfig.NAME).inform();
    this.secrets = client.secrets().inNamespace(settings.namespace())
        .withName(NotificationConfig.NAME).inform();
  }

  /** The configuration for the Rollouts of a namespace. */
  NotificationConfig config(String rolloutNamespace) {
    if (settings.namespaceConfigs() && !rolloutNamespace.equals(settings.namespace())) {
      ConfigMap own = client.configMaps().inNamespace(rolloutNamespace)
          .withName(NotificationConfig.NAME).get();
      if (own != null) {
        Secret secret = client.secrets().inNamespace(rolloutNamespace)
            .withName(NotificationConfig.NAME).get();
        return NotificationConfig.read(own, secret, "namespace " + rolloutNamespace, http);
      }
    }
    ConfigMap configMap = first(configMaps.getStore().list());
    Secret secret = first(secrets.getStore().list());
    String versions = version(configMap) + "/" + version(secret);
    Read read = last;
    if (read == null || !read.versions().equals(versions)) {
      read = new Read(versions, NotificationConfig.read(configMap, secret,
          "namespace " + settings.namespace(), http));
      last = read;
    }
    return read.config();
  }

  private static <T> T first(List<T> items) {
    return items.isEmpty() ? null : items.get(0);
  }

  private static String version(HasMetadata object) {
    return object == null ? "-" : object.getMetadata().getResourceVersion();
  }

  @Override
  public void close() {
    configMaps.close();
    secrets.close();
  }
}
