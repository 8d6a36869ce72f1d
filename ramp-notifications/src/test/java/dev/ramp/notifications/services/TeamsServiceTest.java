package dev.ramp.notifications.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import dev.ramp.notifications.RenderedMessage;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamsServiceTest {
  private final HttpSend http = new HttpSend(HttpClient.newHttpClient());
  private Receiver teams;

  @BeforeEach
  void start() {
    teams = Receiver.start().otherwise(Answer.of(202, ""));
  }

  @AfterEach
  void stop() {
    teams.close();
  }

  private TeamsService service() {
    return new TeamsService(new ServiceSettings("teams", "teams", Map.of(
        "recipientUrls", Map.of(
            "releases", teams.url("/workflows/releases/triggers/manual/run"),
            "oncall", teams.url("/workflows/oncall/triggers/manual/run")))), http);
  }

  @Test
  void theRecipientNamesWhichWorkflowGetsAnAdaptiveCardOfTheTextAndTheRelease() {
    SendResult result = service().send(Messages.text("oncall", "checkout aborted: errors 4%"));

    Receiver.Request request = teams.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/workflows/oncall/triggers/manual/run");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Ramp-Delivery-Id")).isEqualTo("delivery-1");
    JsonNode message = request.json();
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("attachments")).hasSize(1);
    JsonNode attachment = message.path("attachments").get(0);
    assertThat(attachment.path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.path("content");
    assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("body").findValuesAsText("text")).containsExactly(
        "Rollout shop/checkout: on-rollout-aborted", "checkout aborted: errors 4%");
    JsonNode facts = card.path("body").get(2).path("facts");
    assertThat(facts.findValuesAsText("title")).containsExactly("Rollout", "Revision", "Trigger");
    assertThat(facts.findValuesAsText("value"))
        .containsExactly("shop/checkout", "85b7d1", "on-rollout-aborted");
    assertThat(result).isInstanceOf(SendResult.Delivered.class);
    assertThat(result.message()).isEqualTo("Teams took the card for oncall");
  }

  @Test
  void theTemplatesTitleAndFactsShapeTheCard() {
    RenderedMessage message = new RenderedMessage("checkout at 25%", Map.of(
        "title", "checkout v42 at 25%",
        "facts", "[{\"name\": \"Errors\", \"value\": \"as stable's\"}, {\"title\": \"Weight\", \"value\": 25}]"));

    service().send(Messages.outgoing("releases", message, Messages.ABORTED));

    JsonNode body = teams.only().json().path("attachments").get(0).path("content").path("body");
    assertThat(body.get(0).path("text").asText()).isEqualTo("checkout v42 at 25%");
    assertThat(body.get(2).path("facts").findValuesAsText("title"))
        .containsExactly("Errors", "Weight");
    assertThat(body.get(2).path("facts").findValuesAsText("value"))
        .containsExactly("as stable's", "25");
  }

  @Test
  void aCardFromTheTemplateIsSentAsItIs() throws Exception {
    String card = "{\"type\": \"AdaptiveCard\", \"version\": \"1.5\", \"body\": "
        + "[{\"type\": \"TextBlock\", \"text\": \"**checkout** rolled back\"}]}";
    RenderedMessage message = new RenderedMessage("", Map.of("card", card));

    service().send(Messages.outgoing("releases", message, Messages.ABORTED));

    assertThat(teams.only().json().path("attachments").get(0).path("content"))
        .isEqualTo(new ObjectMapper().readTree(card));
  }

  @Test
  void factsWithoutAValueAreRefusedWithoutSending() {
    RenderedMessage message = new RenderedMessage("x", Map.of("facts", "[{\"name\": \"Errors\"}]"));

    SendResult result = service().send(Messages.outgoing("releases", message, Messages.ABORTED));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo(
        "Teams: each of the template's teams.facts needs a \"name\" (or \"title\") and a \"value\"");
    assertThat(teams.requests()).isEmpty();
  }

  @Test
  void aRecipientThatNamesNoUrlIsRefused() {
    SendResult result = service().send(Messages.text("marketing", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("Teams has no recipientUrls entry named \"marketing\"");
    assertThat(teams.requests()).isEmpty();
  }

  @Test
  void aSubscriptionWithoutRecipientUsesTheWebhookUrl() {
    TeamsService service = new TeamsService(new ServiceSettings("teams", "teams",
        Map.of("webhookUrl", teams.url("/workflows/default/run"))), http);

    SendResult result = service.send(Messages.text("", "checkout aborted"));

    assertThat(teams.only().path()).isEqualTo("/workflows/default/run");
    assertThat(result.message()).isEqualTo("Teams took the card");
  }

  @Test
  void configurationErrorsNameTheEntryAndFieldButNoValue() {
    assertThatThrownBy(() -> new TeamsService(
        new ServiceSettings("teams", "teams", Map.of()), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.teams needs \"recipientUrls\" (a Workflows webhook URL for each name) or \"webhookUrl\"");
    assertThatThrownBy(() -> new TeamsService(new ServiceSettings("teams", "teams",
        Map.of("recipientUrls", Map.of("releases", "not a url sig=SECRET"))), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.teams: \"recipientUrls.releases\" is not an http or https URL");
    assertThatThrownBy(() -> new TeamsService(new ServiceSettings("teams", "teams",
        Map.of("recipientUrls", List.of("https://example.com"))), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.teams: \"recipientUrls\" must map names to values");
  }
}
