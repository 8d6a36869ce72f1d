package dev.ramp.sim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfig;
import dev.ramp.notifications.Subscription;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example notifications ConfigMap of deploy/ works as it stands, with its Secret's keys. */
class NotificationsExampleTest {
  @Test
  void everyServiceTemplateAndTriggerItNamesCanBeUsed() throws IOException {
    ConfigMap example = new ObjectMapper(new YAMLFactory()).readValue(
        InstallManifests.DEPLOY.resolve("notifications-example.yaml").toFile(), ConfigMap.class);
    NotificationConfig config = NotificationConfig.read(example.getData(),
        Map.of("releases-token", "t", "releases-signing-key", "k"), "namespace ramp-system",
        new HttpSend(HttpClient.newHttpClient()));

    assertThat(config.problems()).isEmpty();
    List<Subscription> subscriptions = Subscription.of(Map.of(
        "notifications.ramp.dev/subscribe.releases", "",
        "notifications.ramp.dev/subscribe.on-release-stuck.releases", ""), config);
    assertThat(subscriptions).extracting(Subscription::trigger).containsExactlyInAnyOrder(
        "on-rollout-aborted", "on-rollout-degraded", "on-rollout-completed", "on-release-stuck");
    for (Subscription subscription : subscriptions) {
      assertThat(config.sends(subscription.trigger(), subscription.service()))
          .as(subscription.trigger()).isNotEmpty()
          .allSatisfy(send -> assertThat(send.problem()).isNull());
    }
  }
}
