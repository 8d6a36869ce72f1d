package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.notifications.Delivery;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.controller.notifications.Notifier;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications through the real operator: Rollouts written as users write them, with a
 * subscription annotation, and the notifications ConfigMap and Secret in the controller's
 * namespace, delivered to real receivers on loopback.
 */
class NotificationsTest extends ClusterTest {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Receiver releases = Receiver.start();
  private final Receiver refusing = Receiver.start();
  private final Receiver slow = Receiver.start();
  private final Map<String, String> config = new HashMap<>();

  @BeforeAll
  void notifyFromTheTestNamespace() {
    config.put("service.webhook.releases", """
        url: %s/hooks
        headers: [{name: Authorization, value: "Bearer $releases-token"}]
        """.formatted(releases.url()));
    config.put("service.webhook.refusing", "url: " + refusing.url());
    config.put("service.webhook.slow", "{url: '" + slow.url() + "', timeout: 1s}");
    config.put("service.webhook.guarded", "{url: '" + releases.url() + "/guarded',"
        + " secret: $guard-key}");
    writeConfig();
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("ramp-notifications").endMetadata()
        .addToStringData("releases-token", "t0k3n").build()).create();
    cluster.notifyWith(NotificationSettings.defaults().inNamespace(Cluster.NS)
        .withGiveUpAfter(Duration.ofSeconds(20)));
  }

  @AfterAll
  void stopReceivers() {
    releases.close();
    refusing.close();
    slow.close();
  }

  @Test
  void aCanaryShippedAndAbortedTellsItsSubscriberEachStepWithTheRightText() {
    create("""
        metadata:
          name: checkout
          annotations:
            notifications.ramp.dev/subscribe.on-rollout-updated.releases: ""
            notifications.ramp.dev/subscribe.on-rollout-step-completed.releases: ""
            notifications.ramp.dev/subscribe.on-rollout-aborted.releases: ""
        spec:
          replicas: 4
          selector: {matchLabels: {app: checkout}}
          template:
            metadata: {labels: {app: checkout}}
            spec: {containers: [{name: app, image: "example/checkout:v41"}]}
          strategy:
            canary:
              steps: [{setWeight: 25}, {pause: {}}, {setWeight: 50}]
        """);
    cluster.awaitPhase("checkout", "Healthy");
    cluster.setImage("checkout", "example/checkout:v42");
    Rollout paused = cluster.awaitStep("checkout", 1, "Paused");
    String revision = paused.getStatus().updatedRevision;
    cluster.patchStatus("checkout", "{\"status\": {\"abort\": true}}");
    cluster.awaitPhase("checkout", "Aborted");

    List<Receiver.Request> requests = releases.await("four notifications", WITHIN,
        received -> bodies(received, "checkout").size() == 4);
    List<JsonNode> bodies = bodies(requests, "checkout");
    assertThat(bodies).extracting(b -> b.get("trigger").asText()).containsExactly(
        "on-rollout-updated", "on-rollout-updated", "on-rollout-step-completed",
        "on-rollout-aborted");
    assertThat(bodies.get(1).get("message").asText()).isEqualTo("checkout v42 (rev " + revision
        + ") started rolling out in default");
    assertThat(bodies.get(2).get("message").asText()).isEqualTo("checkout v42 (rev " + revision
        + ") completed 1 of 3 steps, 25% of traffic");
    assertThat(bodies.get(3).get("message").asText()).isEqualTo("checkout v42 (rev " + revision
        + ") aborted at 25%: Rollout aborted: aborted on request at step 2/3 (pause until"
        + " promoted). All traffic and replicas are back on stable revision "
        + paused.getStatus().stableRevision);
    Receiver.Request aborted = requests.stream()
        .filter(r -> r.body().contains("on-rollout-aborted")).findFirst().orElseThrow();
    assertThat(aborted.path()).isEqualTo("/hooks");
    assertThat(aborted.header("Authorization")).isEqualTo("Bearer t0k3n");
    assertThat(aborted.header("Ramp-Trigger")).isEqualTo("on-rollout-aborted");
    assertThat(requests).extracting(r -> r.header("Ramp-Delivery-Id")).doesNotHaveDuplicates();

    Rollout done = cluster.await("checkout", "every delivery recorded as sent",
        r -> r.getStatus().notifications != null && r.getStatus().notifications.deliveries
            .stream().allMatch(d -> Delivery.SENT.equals(d.state)));
    assertThat(done.getStatus().notifications.deliveries).hasSize(4)
        .extracting(d -> d.id).containsExactlyElementsOf(requests.stream()
            .filter(r -> r.body().contains("\"checkout\"")).map(r -> r.header("Ramp-Delivery-Id"))
            .toList());
    assertThat(condition(done).status).isEqualTo("True");
    assertThat(JSON.valueToTree(done.getStatus()).toString()).doesNotContain("t0k3n");
    assertThat(cluster.registry().get("ramp.notifications").tag("service", "releases")
        .tag("trigger", "on-rollout-aborted").tag("result", "sent").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aTriggerOfTheUsersOwnFiresOnceWhenItsConditionBecomesTrue() {
    config.put("trigger.on-half-way", """
        - when: rollout.status.canary.weight >= 50
          oncePer: rollout.status.updatedRevision
          send: [half-way]
        """);
    config.put("template.half-way", "message: '{{name}} {{version}} reached {{weight}}%'");
    writeConfig();
    create("""
        metadata:
          name: half-way
          annotations:
            notifications.ramp.dev/subscribe.on-half-way.releases: ""
            notifications.ramp.dev/subscribe.on-rollout-completed.releases: ""
        spec:
          replicas: 4
          selector: {matchLabels: {app: half-way}}
          template:
            metadata: {labels: {app: half-way}}
            spec: {containers: [{name: app, image: "example/half-way:v1"}]}
          strategy: {canary: {steps: [{setWeight: 50}, {pause: {}}, {setWeight: 75}]}}
        """);
    cluster.awaitPhase("half-way", "Healthy");
    cluster.setImage("half-way", "example/half-way:v2");
    cluster.awaitStep("half-way", 1, "Paused");
    releases.await("the trigger fired", WITHIN,
        requests -> !bodies(requests, "half-way").isEmpty());
    cluster.patchStatus("half-way", "{\"status\": {\"pauseConditions\": null}}");
    cluster.awaitPhase("half-way", "Healthy");
    cluster.await("half-way", "every delivery recorded", r -> r.getStatus().notifications
        .deliveries.stream().noneMatch(d -> Delivery.PENDING.equals(d.state)));

    List<JsonNode> bodies = bodies(releases.requests(), "half-way");
    assertThat(bodies).extracting(b -> b.get("trigger").asText())
        .containsExactly("on-half-way", "on-rollout-completed");
    assertThat(bodies.get(0).get("message").asText()).isEqualTo("half-way v2 reached 50%");
    assertThat(bodies.get(1).get("weight").asInt()).isEqualTo(100);
    config.remove("trigger.on-half-way");
    config.remove("template.half-way");
    writeConfig();
  }

  @Test
  void aPendingDeliveryIsSentAgainWithTheSameIdByARestartedController() {
    slow.answer(Answer.hang());
    create(rollout("restarted", "on-rollout-updated", "slow"));
    slow.await("the first attempt", WITHIN, requests -> requests.size() == 1);
    Rollout pending = cluster.rollout("restarted");
    assertThat(pending.getStatus().notifications.deliveries).singleElement()
        .satisfies(d -> assertThat(d.state).isEqualTo(Delivery.PENDING));

    cluster.restartController();

    List<Receiver.Request> requests = slow.await("the delivery sent again", WITHIN,
        received -> received.size() >= 2);
    assertThat(requests).extracting(r -> r.header("Ramp-Delivery-Id"))
        .containsOnly(pending.getStatus().notifications.deliveries.get(0).id);
    Rollout sent = cluster.await("restarted", "the delivery recorded as sent",
        r -> Delivery.SENT.equals(r.getStatus().notifications.deliveries.get(0).state));
    assertThat(sent.getStatus().notifications.deliveries).hasSize(1);
  }

  @Test
  void aRefusedDeliveryFailsAtOnceWithAWarningEventCarryingTheAnswer() {
    refusing.answer(Answer.status(404));
    create(rollout("refused", "on-rollout-updated", "refusing"));

    Rollout failed = cluster.await("refused", "the delivery recorded as failed",
        r -> r.getStatus().notifications != null
            && Delivery.FAILED.equals(r.getStatus().notifications.deliveries.get(0).state));
    assertThat(failed.getStatus().notifications.deliveries.get(0).message)
        .isEqualTo("webhook refusing answered 404: answer 404");
    cluster.eventually(() -> assertThat(warnings("refused", "NotificationFailed"))
        .containsExactly("on-rollout-updated to refusing failed: webhook refusing answered 404:"
            + " answer 404"));
    assertThat(refusing.requests()).hasSize(1);
  }

  @Test
  void aTemplateWithAnErrorIsReportedAndTheOtherNotificationsAreStillSent() {
    config.put("template.rollout-completed", "message: '{{#name}} done'");
    writeConfig();
    create("""
        metadata:
          name: broken-template
          annotations:
            notifications.ramp.dev/subscribe.on-rollout-completed.releases: ""
            notifications.ramp.dev/subscribe.on-rollout-updated.releases: ""
        spec:
          selector: {matchLabels: {app: broken-template}}
          template:
            metadata: {labels: {app: broken-template}}
            spec: {containers: [{name: app, image: "example/checkout:v1"}]}
          strategy: {canary: {steps: [{setWeight: 50}]}}
        """);

    Rollout reported = cluster.await("broken-template", "NotificationsReady False",
        r -> condition(r) != null && "False".equals(condition(r).status));
    String problem = "template.rollout-completed: \"message\" is not a valid template:";
    assertThat(condition(reported).message).startsWith(problem);
    cluster.eventually(() -> assertThat(warnings("broken-template", "NotificationConfigError"))
        .singleElement().asString().startsWith(problem));
    releases.await("the update still notified", WITHIN,
        requests -> bodies(requests, "broken-template").size() == 1);
    config.remove("template.rollout-completed");
    writeConfig();
  }

  @Test
  void aMissingSecretKeyIsAWarningNamingSecretAndKeyAndTheRolloutGoesOn() {
    create(rollout("unsigned", "on-rollout-updated", "guarded"));

    Rollout healthy = cluster.awaitPhase("unsigned", "Healthy");
    String problem = "service.webhook.guarded needs key \"guard-key\" of Secret"
        + " ramp-notifications in namespace default, which has no such key";
    cluster.eventually(() -> assertThat(warnings("unsigned", "NotificationConfigError"))
        .containsExactly(problem));
    assertThat(condition(cluster.rollout("unsigned")).message).isEqualTo(problem);
    assertThat(healthy.getStatus().notifications).isNull();
  }

  @Test
  void anAnalysisRunTellsItsSubscriberOnceThatItRunsAndOnceThatItEndedInError() {
    cluster.client.resources(AnalysisTemplate.class).inNamespace(Cluster.NS).resource(
        cluster.client.getKubernetesSerialization().unmarshal(new ByteArrayInputStream("""
            apiVersion: ramp.dev/v1alpha1
            kind: AnalysisTemplate
            metadata: {name: unreachable-probe}
            spec:
              metrics:
                - name: probe
                  interval: 2s
                  count: 5
                  consecutiveErrorLimit: 2
                  successCondition: result == 1
                  provider: {web: {url: "http://127.0.0.1:1/health"}}
            """.getBytes(StandardCharsets.UTF_8)), AnalysisTemplate.class)).create();
    create("""
        metadata:
          name: probed
          annotations:
            notifications.ramp.dev/subscribe.on-analysis-run-running.releases: ""
            notifications.ramp.dev/subscribe.on-analysis-run-error.releases: ""
        spec:
          replicas: 2
          selector: {matchLabels: {app: probed}}
          template:
            metadata: {labels: {app: probed}}
            spec: {containers: [{name: app, image: "example/probed:v1"}]}
          strategy:
            canary:
              steps: [{setWeight: 50}, {analysis: {templates: [{templateName: unreachable-probe}]}}]
        """);
    cluster.awaitPhase("probed", "Healthy");
    cluster.setImage("probed", "example/probed:v2");
    Rollout aborted = cluster.awaitPhase("probed", "Aborted");
    String revision = aborted.getStatus().updatedRevision;
    cluster.await("probed", "both deliveries recorded as sent", r -> r.getStatus().notifications
        != null && r.getStatus().notifications.deliveries.size() == 2 && r.getStatus()
        .notifications.deliveries.stream().allMatch(d -> Delivery.SENT.equals(d.state)));

    List<JsonNode> bodies = bodies(releases.requests(), "probed");
    assertThat(bodies).extracting(b -> b.get("trigger").asText())
        .containsExactly("on-analysis-run-running", "on-analysis-run-error");
    String run = "analysis run probed-" + revision + "-\\d+";
    assertThat(bodies.get(0).get("message").asText())
        .matches("probed v2 \\(rev " + revision + "\\): " + run + " is running");
    assertThat(bodies.get(1).get("message").asText())
        .matches("probed v2 \\(rev " + revision + "\\): " + run + " ended in error: .*probe.*");
  }

  private static String rollout(String name, String trigger, String service) {
    return """
        metadata:
          name: %1$s
          annotations: {notifications.ramp.dev/subscribe.%2$s.%3$s: ""}
        spec:
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec: {containers: [{name: app, image: "example/%1$s:v1"}]}
          strategy: {canary: {steps: [{setWeight: 50}]}}
        """.formatted(name, trigger, service);
  }

  private void create(String yaml) {
    String manifest = "apiVersion: ramp.dev/v1alpha1\nkind: Rollout\n" + yaml;
    cluster.create(cluster.client.getKubernetesSerialization().unmarshal(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), Rollout.class));
  }

  private void writeConfig() {
    cluster.client.configMaps().inNamespace(Cluster.NS).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("ramp-notifications").endMetadata()
        .withData(config).build()).createOr(existing -> existing.update());
  }

  private List<String> warnings(String rollout, String reason) {
    return cluster.events(rollout).stream()
        .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason()))
        .map(Event::getMessage).toList();
  }

  private static RolloutCondition condition(Rollout rollout) {
    return rollout.getStatus().conditions.stream()
        .filter(c -> Notifier.CONDITION.equals(c.type)).findFirst().orElse(null);
  }

  /** The default webhook bodies about one rollout, in the order received. */
  private static List<JsonNode> bodies(List<Receiver.Request> requests, String rollout) {
    return requests.stream().map(r -> {
      try {
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).filter(b -> rollout.equals(b.path("rollout").asText())).toList();
  }
}
