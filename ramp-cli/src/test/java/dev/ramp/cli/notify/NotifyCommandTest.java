package dev.ramp.cli.notify;

import static dev.ramp.cli.MockCluster.canaryAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.cli.Cli;
import dev.ramp.cli.MockClusterTest;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code notify}: a test message sent now, through the services of the ConfigMap. */
class NotifyCommandTest extends MockClusterTest {
  private static final Receiver receiver = Receiver.start();

  @BeforeAll
  static void configure() {
    cluster.client.configMaps().inNamespace("ramp-system").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("ramp-notifications").endMetadata()
        .addToData("service.webhook.releases", "url: " + receiver.url() + "\nsecret: $key")
        .build()).create();
    cluster.client.secrets().inNamespace("ramp-system").resource(new SecretBuilder()
        .withNewMetadata().withName("ramp-notifications").endMetadata()
        .addToStringData("key", "s3cret").build()).create();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private static void subscribedRollout(String name) {
    Rollout rollout = cluster.createRollout(name, 4, CanaryStep.weight(25),
        CanaryStep.pause(null));
    rollout.getMetadata().setAnnotations(Map.of(
        "notifications.ramp.dev/subscribe.on-rollout-aborted.releases", ""));
    cluster.client.resource(rollout).update();
    cluster.setStatus(name, canaryAt("Aborted", 1, 25).andThen(status ->
        status.abortMessage = "analysis run " + name + "-canary2-1 failed"));
  }

  @Test
  void sendsTheTriggersMessageWithTheRolloutAsItIsAndPrintsTheAnswer() {
    subscribedRollout("sent");

    Cli.Result result = cluster.ramp("notify", "sent", "--trigger", "on-rollout-aborted");

    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("releases: sent: webhook releases answered 200\n");
    assertThat(result.exitCode()).isZero();
    Receiver.Request request = receiver.requests().get(receiver.requests().size() - 1);
    assertThat(request.header("Ramp-Trigger")).isEqualTo("on-rollout-aborted");
    assertThat(request.header("Ramp-Delivery-Id")).startsWith("test-");
    assertThat(request.header("Ramp-Signature")).startsWith("t=");
    assertThat(request.body()).contains("\"message\": \"sent v1 (rev canary2) aborted at"
        + " 25%: analysis run sent-canary2-1 failed\"");
    assertThat(cluster.rollout("sent").getStatus().notifications).isNull();
  }

  @Test
  void aServiceThatRefusesIsPrintedAndExitsOne() {
    subscribedRollout("refused");
    receiver.answer(Answer.status(401));

    Cli.Result result = cluster.ramp("notify", "refused", "--trigger", "on-rollout-aborted");

    assertThat(result.out())
        .isEqualTo("releases: not sent: webhook releases answered 401: answer 401\n");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void withoutASubscriptionItNeedsAService() {
    cluster.createRollout("unsubscribed", 2, CanaryStep.weight(50));

    Cli.Result refused = cluster.ramp("notify", "unsubscribed", "--trigger",
        "on-rollout-completed");
    Cli.Result sent = cluster.ramp("notify", "unsubscribed", "--trigger",
        "on-rollout-completed", "--service", "releases");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("error: rollout \"unsubscribed\" has no subscription to"
        + " on-rollout-completed: name a service with --service\n");
    assertThat(sent.err()).isEmpty();
    assertThat(sent.out()).isEqualTo("releases: sent: webhook releases answered 200\n");
  }

  @Test
  void anUnknownTriggerIsNotSent() {
    subscribedRollout("unknown-trigger");

    Cli.Result result = cluster.ramp("notify", "unknown-trigger", "--trigger",
        "on-rollout-exploded", "--service", "releases");

    assertThat(result.out()).isEqualTo("releases: not sent: trigger \"on-rollout-exploded\" is"
        + " neither built in nor in ConfigMap ramp-notifications\n");
    assertThat(result.exitCode()).isEqualTo(1);
  }
}
