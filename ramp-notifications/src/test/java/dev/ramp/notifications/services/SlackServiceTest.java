package dev.ramp.notifications.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import dev.ramp.notifications.RenderedMessage;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackServiceTest {
  private static final String TOKEN = "xoxb-1234-secret";
  private static final String POSTED =
      "{\"ok\": true, \"channel\": \"C024BE91L\", \"ts\": \"1733612345.000100\"}";

  private final HttpSend http = new HttpSend(HttpClient.newHttpClient());
  private Receiver slack;

  @BeforeEach
  void start() {
    slack = Receiver.start();
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  private SlackService bot(Map<String, Object> more) {
    Map<String, Object> values = new HashMap<>(
        Map.of("token", TOKEN, "apiURL", slack.url("/api")));
    values.putAll(more);
    return new SlackService(new ServiceSettings("slack", "slack", values), http);
  }

  @Test
  void aBotTokenPostsTheTextToTheChannelTheSubscriptionNames() {
    slack.answer(Answer.of(200, POSTED));

    SendResult result = bot(Map.of()).send(Messages.text("#releases", "checkout aborted"));

    Receiver.Request request = slack.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/chat.postMessage");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Ramp-Delivery-Id")).isEqualTo("delivery-1");
    JsonNode body = request.json();
    assertThat(body.path("channel").asText()).isEqualTo("#releases");
    assertThat(body.path("text").asText()).isEqualTo("checkout aborted");
    assertThat(body.has("thread_ts")).isFalse();
    assertThat(body.has("blocks")).isFalse();
    assertThat(result).isInstanceOf(SendResult.Delivered.class);
    assertThat(result.message()).isEqualTo("Slack posted it in #releases");
  }

  @Test
  void laterMessagesOfOneReleaseGoInTheThreadOfTheFirst() {
    slack.answer(Answer.of(200, POSTED),
        Answer.of(200, "{\"ok\": true, \"ts\": \"1733612999.000200\"}"));
    SlackService service = bot(Map.of());
    Outgoing first = Messages.text("#releases", "checkout at 25%");

    SendResult.Delivered started = (SendResult.Delivered) service.send(first);
    Outgoing second = new Outgoing("delivery-2", "on-rollout-completed", "#releases",
        new RenderedMessage("checkout completed", Map.of()), Messages.HEALTHY,
        started.remember());
    SendResult.Delivered continued = (SendResult.Delivered) service.send(second);

    assertThat(started.remember()).containsExactly(
        Map.entry(first.threadKey(), "1733612345.000100"));
    JsonNode reply = slack.requests().get(1).json();
    assertThat(reply.path("thread_ts").asText()).isEqualTo("1733612345.000100");
    assertThat(reply.path("text").asText()).isEqualTo("checkout completed");
    assertThat(continued.message()).isEqualTo("Slack posted it in #releases, in the release's thread");
    assertThat(continued.remember()).isEqualTo(started.remember());
  }

  @Test
  void theTemplatesSlackSectionGivesTextBlocksAndAttachments() throws Exception {
    slack.answer(Answer.of(200, POSTED));
    String blocks = "[{\"type\": \"section\", \"text\": {\"type\": \"mrkdwn\", \"text\": \"*checkout* at 25%\"}}]";
    String attachments = "[{\"color\": \"#18be52\", \"title\": \"checkout\"}]";
    RenderedMessage message = new RenderedMessage("plain text", Map.of(
        "text", "checkout at 25%", "blocks", blocks, "attachments", attachments));

    bot(Map.of("username", "ramp", "icon", ":rocket:"))
        .send(Messages.outgoing("#releases", message, Messages.ABORTED));

    JsonNode body = slack.only().json();
    ObjectMapper json = new ObjectMapper();
    assertThat(body.path("text").asText()).isEqualTo("checkout at 25%");
    assertThat(body.get("blocks")).isEqualTo(json.readTree(blocks));
    assertThat(body.get("attachments")).isEqualTo(json.readTree(attachments));
    assertThat(body.path("username").asText()).isEqualTo("ramp");
    assertThat(body.path("icon_emoji").asText()).isEqualTo(":rocket:");
  }

  @Test
  void blocksThatAreNotJsonAreRefusedWithoutSendingAnything() {
    RenderedMessage message = new RenderedMessage("text", Map.of("blocks", "[{\"type\": "));

    SendResult result = bot(Map.of())
        .send(Messages.outgoing("#releases", message, Messages.ABORTED));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).startsWith("Slack: the template's slack.blocks is not valid JSON");
    assertThat(slack.requests()).isEmpty();
  }

  @Test
  void slacksOkFalseIsRefusedNamingSlacksErrorAndWhatToDo() {
    slack.answer(Answer.of(200, "{\"ok\": false, \"error\": \"channel_not_found\"}"));

    SendResult result = bot(Map.of()).send(Messages.text("#no-such", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("Slack refused the message in #no-such: "
        + "channel_not_found (no such channel, or the bot cannot see it)");
  }

  @Test
  void slacksRateLimitAnsweredWithOkFalseIsTriedAgain() {
    slack.answer(Answer.of(200, "{\"ok\": false, \"error\": \"ratelimited\"}"));

    SendResult result = bot(Map.of()).send(Messages.text("#releases", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Retry.class);
    assertThat(result.message()).contains("ratelimited");
  }

  @Test
  void aTokenSubscriptionWithoutAChannelIsRefused() {
    SendResult result = bot(Map.of()).send(Messages.text("", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("Slack needs a channel: the subscription names none");
    assertThat(slack.requests()).isEmpty();
  }

  @Test
  void anIncomingWebhookGetsTheTextWithoutAToken() {
    slack.answer(Answer.of(200, "ok"));
    SlackService service = new SlackService(new ServiceSettings("slack", "alerts",
        Map.of("webhookUrl", slack.url("/services/T000/B000/XXXXSECRET"))), http);

    SendResult result = service.send(Messages.text("", "checkout aborted"));

    Receiver.Request request = slack.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/services/T000/B000/XXXXSECRET");
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("Ramp-Delivery-Id")).isEqualTo("delivery-1");
    assertThat(request.json().path("text").asText()).isEqualTo("checkout aborted");
    assertThat(result).isInstanceOf(SendResult.Delivered.class);
  }

  @Test
  void anIncomingWebhooksRefusalNamesSlacksWordsButNotTheUrl() {
    slack.answer(Answer.of(404, "no_service"));
    SlackService service = new SlackService(new ServiceSettings("slack", "alerts",
        Map.of("webhookUrl", slack.url("/services/T000/B000/XXXXSECRET"))), http);

    SendResult result = service.send(Messages.text("", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("Slack answered 404: no_service");
  }

  @Test
  void anArgoEntryWithFieldsRampDoesNotUseStillSends() {
    slack.answer(Answer.of(200, POSTED));
    SlackService service = bot(Map.of("channels", List.of("releases"),
        "signingSecret", "8f742231b10e", "disableUnfurl", true, "insecureSkipVerify", false));

    SendResult result = service.send(Messages.text("#releases", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Delivered.class);
    assertThat(slack.only().json().path("channel").asText()).isEqualTo("#releases");
  }

  @Test
  void configurationErrorsNameTheEntryAndFieldButNoValue() {
    assertThatThrownBy(() -> new SlackService(
        new ServiceSettings("slack", "slack", Map.of("username", "ramp")), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.slack needs \"token\" (a bot token) or \"webhookUrl\" (an incoming webhook)");
    assertThatThrownBy(() -> new SlackService(new ServiceSettings("slack", "slack",
        Map.of("token", TOKEN, "webhookUrl", "https://hooks.slack.com/services/T/B/X")), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.slack has both \"token\" and \"webhookUrl\": keep one");
    assertThatThrownBy(() -> new SlackService(new ServiceSettings("slack", "alerts",
        Map.of("webhookUrl", "hooks.slack.com/services/XXXXSECRET")), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.slack.alerts: \"webhookUrl\" is not an http or https URL");
    assertThatThrownBy(() -> bot(Map.of("insecureSkipVerify", true)))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.slack: \"insecureSkipVerify\" is not supported; "
            + "Ramp checks the receiver's certificate");
    assertThatThrownBy(() -> bot(Map.of("timeout", "soon")))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.slack: \"timeout\" must be a duration such as 500ms, 10s or 1m");
  }
}
