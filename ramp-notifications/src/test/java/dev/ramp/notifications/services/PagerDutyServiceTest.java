package dev.ramp.notifications.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import dev.ramp.notifications.Release;
import dev.ramp.notifications.RenderedMessage;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagerDutyServiceTest {
  private static final String ROUTING_KEY = "R0UT1NGKEYSECRET";
  private static final String ACCEPTED = "{\"status\": \"success\", \"message\": \"Event processed\","
      + " \"dedup_key\": \"ramp/shop/checkout\"}";

  private final HttpSend http = new HttpSend(HttpClient.newHttpClient());
  private Receiver pagerDuty;

  @BeforeEach
  void start() {
    pagerDuty = Receiver.start().otherwise(Answer.of(202, ACCEPTED));
  }

  @AfterEach
  void stop() {
    pagerDuty.close();
  }

  private PagerDutyService service() {
    return new PagerDutyService(new ServiceSettings("pagerdutyv2", "pagerdutyv2", Map.of(
        "apiURL", pagerDuty.url(""),
        "serviceKeys", Map.of("checkout", ROUTING_KEY, "payments", "OTHERKEY"))), http);
  }

  @Test
  void anAbortTriggersAnIncidentThatTheRolloutsRecoveryByAFixedRevisionResolves() {
    PagerDutyService service = service();

    SendResult triggered = service.send(Messages.text("checkout", "checkout aborted: errors 4%"));
    Release fixed = new Release("shop", "checkout", "0b7c5d1e", "9c41aa", true, false);
    SendResult resolved = service.send(new Outgoing("delivery-2", "on-rollout-completed",
        "checkout", new RenderedMessage("checkout healthy", Map.of()), fixed, Map.of()));

    assertThat(pagerDuty.requests()).hasSize(2);
    Receiver.Request trigger = pagerDuty.requests().get(0);
    assertThat(trigger.method()).isEqualTo("POST");
    assertThat(trigger.path()).isEqualTo("/v2/enqueue");
    assertThat(trigger.header("Content-Type")).startsWith("application/json");
    assertThat(trigger.header("Ramp-Delivery-Id")).isEqualTo("delivery-1");
    JsonNode opened = trigger.json();
    assertThat(opened.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
    assertThat(opened.path("event_action").asText()).isEqualTo("trigger");
    assertThat(opened.path("payload").path("summary").asText())
        .isEqualTo("checkout aborted: errors 4%");
    assertThat(opened.path("payload").path("severity").asText()).isEqualTo("error");
    assertThat(opened.path("payload").path("source").asText()).isEqualTo("shop/checkout");
    assertThat(opened.path("payload").path("custom_details").path("revision").asText())
        .isEqualTo("85b7d1");
    JsonNode closed = pagerDuty.requests().get(1).json();
    assertThat(closed.path("event_action").asText()).isEqualTo("resolve");
    assertThat(closed.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
    assertThat(closed.path("dedup_key").asText())
        .isEqualTo(opened.path("dedup_key").asText())
        .isEqualTo("ramp/shop/checkout");
    assertThat(pagerDuty.requests().get(1).header("Ramp-Delivery-Id")).isEqualTo("delivery-2");
    assertThat(triggered.message())
        .isEqualTo("PagerDuty triggered the incident ramp/shop/checkout for checkout");
    assertThat(resolved.message())
        .isEqualTo("PagerDuty resolved the incident ramp/shop/checkout for checkout");
  }

  @Test
  void theTemplatesPagerDutySectionFillsTheEvent() {
    RenderedMessage message = new RenderedMessage("checkout aborted", Map.of(
        "summary", "checkout v42 rolled back", "severity", "critical", "source", "prod-eu",
        "component", "checkout", "group", "shop", "class", "release",
        "url", "https://ramp.example.com/rollouts/shop/checkout"));

    service().send(Messages.outgoing("checkout", message, Messages.ABORTED));

    JsonNode event = pagerDuty.only().json();
    JsonNode payload = event.path("payload");
    assertThat(payload.path("summary").asText()).isEqualTo("checkout v42 rolled back");
    assertThat(payload.path("severity").asText()).isEqualTo("critical");
    assertThat(payload.path("source").asText()).isEqualTo("prod-eu");
    assertThat(payload.path("component").asText()).isEqualTo("checkout");
    assertThat(payload.path("group").asText()).isEqualTo("shop");
    assertThat(payload.path("class").asText()).isEqualTo("release");
    assertThat(event.path("links").get(0).path("href").asText())
        .isEqualTo("https://ramp.example.com/rollouts/shop/checkout");
  }

  @Test
  void aSeverityPagerDutyDoesNotKnowIsRefusedWithoutSending() {
    RenderedMessage message = new RenderedMessage("x", Map.of("severity", "high"));

    SendResult result = service().send(Messages.outgoing("checkout", message, Messages.ABORTED));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("PagerDuty: the template's pagerdutyv2.severity must "
        + "be critical, error, warning or info, not \"high\"");
    assertThat(pagerDuty.requests()).isEmpty();
  }

  @Test
  void aRecipientThatNamesNoServiceKeyIsRefused() {
    SendResult result = service().send(Messages.text("search", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("PagerDuty has no serviceKeys entry named \"search\"");
    assertThat(pagerDuty.requests()).isEmpty();
  }

  @Test
  void pagerDutysRefusalIsPassedOnWithoutTheRoutingKey() {
    pagerDuty.answer(Answer.of(400, "{\"status\": \"invalid event\", \"message\": "
        + "\"Event object is invalid\", \"errors\": [\"Length of 'routing_key' is incorrect\"]}"));

    SendResult result = service().send(Messages.text("checkout", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).startsWith("PagerDuty answered 400:")
        .contains("Length of 'routing_key' is incorrect")
        .doesNotContain(ROUTING_KEY);
  }

  @Test
  void configurationErrorsNameTheEntryAndFieldButNoValue() {
    assertThatThrownBy(() -> new PagerDutyService(
        new ServiceSettings("pagerdutyv2", "pagerdutyv2", Map.of()), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.pagerdutyv2 needs \"serviceKeys\" (an Events API v2 integration key for each name)");
    assertThatThrownBy(() -> new PagerDutyService(new ServiceSettings("pagerdutyv2", "pagerdutyv2",
        Map.of("serviceKeys", Map.of("checkout", " "))), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.pagerdutyv2: \"serviceKeys.checkout\" is empty");
    assertThatThrownBy(() -> new PagerDutyService(new ServiceSettings("pagerdutyv2", "eu",
        Map.of("serviceKeys", Map.of("checkout", ROUTING_KEY), "apiURL", "events.eu.pagerduty.com")), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.pagerdutyv2.eu: \"apiURL\" is not an http or https URL");
  }
}
