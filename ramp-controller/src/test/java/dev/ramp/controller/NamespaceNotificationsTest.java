package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.notifications.Receiver;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Self-service notifications: with the setting on, a namespace's own ConfigMap
 * ramp-notifications serves its Rollouts instead of the one in Ramp's namespace.
 */
class NamespaceNotificationsTest extends ClusterTest {
  private final Receiver platform = Receiver.start();
  private final Receiver team = Receiver.start();

  @BeforeAll
  void configureBoth() {
    config("ramp-system", platform);
    cluster.notifyWith(new NotificationSettings("ramp-system", "", Duration.ofMinutes(1), true));
  }

  @AfterAll
  void stopReceivers() {
    platform.close();
    team.close();
  }

  @Test
  void aNamespacesOwnConfigMapServesItsRolloutsOnceItHasOne() {
    create("platform-served");
    platform.await("the platform's receiver notified", Duration.ofSeconds(30),
        requests -> requests.size() == 1);

    config(Cluster.NS, team);
    create("team-served");
    team.await("the team's receiver notified", Duration.ofSeconds(30),
        requests -> requests.size() == 1);
    assertThat(team.requests().get(0).body()).contains("\"rollout\": \"team-served\"");
    assertThat(platform.requests()).hasSize(1);
  }

  private void config(String namespace, Receiver receiver) {
    cluster.client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("ramp-notifications").endMetadata()
        .withData(Map.of("service.webhook.releases", "url: " + receiver.url()))
        .build()).create();
  }

  private void create(String name) {
    Rollout rollout = Rollouts.canary(name, 1, "example/" + name + ":v1", CanaryStep.weight(50));
    rollout.getMetadata().setAnnotations(Map.of(
        "notifications.ramp.dev/subscribe.on-rollout-updated.releases", ""));
    cluster.create(rollout);
  }
}
