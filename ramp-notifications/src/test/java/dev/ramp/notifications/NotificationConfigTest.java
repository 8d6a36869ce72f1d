package dev.ramp.notifications;

import static dev.ramp.notifications.Notifications.config;
import static dev.ramp.notifications.Notifications.outgoing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {
  private static final String HOOK = "url: http://127.0.0.1:9/hooks";

  private static List<String> problems(NotificationConfig config, String trigger,
      String service) {
    return config.sends(trigger, service).stream().map(NotificationConfig.Send::problem).toList();
  }

  @Test
  void aBuiltInTriggerNeedsOnlyAServiceItsDefaultTemplateSaysWhatHappened() {
    NotificationConfig config = config(Map.of("service.webhook.releases", HOOK), null);

    assertThat(outgoing(config, "on-rollout-step-completed", "releases", null).message().text())
        .isEqualTo("checkout v42 (rev 85b7d1) completed 1 of 3 steps, 25% of traffic");
    assertThat(outgoing(config, "on-rollout-aborted", "releases", "error rate 9% > 1%")
        .message().text())
        .isEqualTo("checkout v42 (rev 85b7d1) aborted at 25%: error rate 9% > 1%");
  }

  @Test
  void aTemplateThatDoesNotCompileStopsOnlyTheTriggersThatSendIt() {
    NotificationConfig config = config(Map.of(
        "service.webhook.releases", HOOK,
        "template.rollout-aborted", "message: '{{#rollout}} aborted'"), null);

    assertThat(problems(config, "on-rollout-aborted", "releases")).singleElement().asString()
        .startsWith("template.rollout-aborted: \"message\" is not a valid template:");
    assertThat(problems(config, "on-rollout-completed", "releases")).containsExactly((String) null);
  }

  @Test
  void aTemplateSectionForNoServiceIsAnError() {
    NotificationConfig config = config(Map.of(
        "service.webhook.releases", HOOK,
        "template.rollout-aborted", "{message: aborted, slak: {blocks: '[]'}}"), null);

    assertThat(problems(config, "on-rollout-aborted", "releases")).containsExactly(
        "template.rollout-aborted: unknown section \"slak\" (a template has \"message\" and"
            + " sections for email, grafana, pagerdutyv2, slack, teams, webhook)");
  }

  @Test
  void anUnknownServiceTypeOrNameIsNamedWithTheKnownOnes() {
    NotificationConfig config = config(Map.of(
        "service.webhook.releases", HOOK,
        "service.carrierpigeon", "{loft: roof}"), null);

    assertThat(problems(config, "on-rollout-aborted", "carrierpigeon")).containsExactly(
        "service.carrierpigeon: unknown service type \"carrierpigeon\" (known: email, grafana, pagerdutyv2, slack, teams, webhook)");
    assertThat(problems(config, "on-rollout-aborted", "relases")).containsExactly(
        "service \"relases\" is not in ConfigMap ramp-notifications (services: carrierpigeon,"
            + " releases)");
  }

  @Test
  void aMissingSecretOrKeyIsNamedAndNoSecretValueIsShown() {
    String service = "{url: 'http://127.0.0.1:9/$path', secret: $signing-key}";
    NotificationConfig noSecret = config(Map.of("service.webhook.releases", service), null);
    NotificationConfig noKey = config(Map.of("service.webhook.releases", service),
        Map.of("path", "hush-hush"));

    assertThat(problems(noSecret, "on-rollout-aborted", "releases")).containsExactly(
        "service.webhook.releases needs key \"path\" of Secret ramp-notifications, and there is"
            + " no Secret ramp-notifications in namespace ramp-system");
    assertThat(problems(noKey, "on-rollout-aborted", "releases")).containsExactly(
        "service.webhook.releases needs key \"signing-key\" of Secret ramp-notifications in"
            + " namespace ramp-system, which has no such key");
  }

  @Test
  void aTriggerWhoseConditionDoesNotCompileIsAnErrorOfThatTrigger() {
    NotificationConfig config = config(Map.of(
        "service.webhook.releases", HOOK,
        "trigger.on-canary-slow", "[{when: 'rollout.status.phase ==', send: [rollout-paused]}]",
        "trigger.on-half-way", "[{when: 'rollout.status.canary.weight >= 50',"
            + " send: [rollout-paused]}]"), null);

    assertThat(problems(config, "on-canary-slow", "releases")).singleElement().asString()
        .startsWith("trigger.on-canary-slow: \"rollout.status.phase ==\" does not compile");
    assertThat(problems(config, "on-half-way", "releases")).containsExactly((String) null);
    assertThat(problems(config, "on-rollout-exploded", "releases")).containsExactly(
        "trigger \"on-rollout-exploded\" is neither built in nor in ConfigMap"
            + " ramp-notifications");
  }

  @Test
  void subscriptionsComeFromTheAnnotationsAndTheDefaults() {
    NotificationConfig config = config(Map.of(
        "defaultTriggers", "[on-rollout-aborted, on-rollout-completed]",
        "subscriptions", "[{recipients: ['slack:#ops', audit], triggers: [on-rollout-degraded]}]"),
        null);

    assertThat(Subscription.of(Map.of(
        "notifications.ramp.dev/subscribe.on-rollout-updated.slack", "#releases; #checkout",
        "notifications.ramp.dev/subscribe.releases", "",
        "kubectl.kubernetes.io/last-applied-configuration", "{}"), config))
        .containsExactlyInAnyOrder(
            new Subscription("on-rollout-updated", "slack", "#releases"),
            new Subscription("on-rollout-updated", "slack", "#checkout"),
            new Subscription("on-rollout-aborted", "releases", ""),
            new Subscription("on-rollout-completed", "releases", ""),
            new Subscription("on-rollout-degraded", "slack", "#ops"),
            new Subscription("on-rollout-degraded", "audit", ""));
  }
}
