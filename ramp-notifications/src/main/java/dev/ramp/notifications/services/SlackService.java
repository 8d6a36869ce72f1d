package dev.ramp.notifications.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.NotificationService;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Slack ({@code service.slack}): a bot token posting with {@code chat.postMessage} to the channel
 * the subscription names, later messages of one release in the first one's thread; or an
 * incoming webhook ({@code webhookUrl}), which posts to its own channel and cannot thread.
 *
 * <p>The template's {@code slack} section may give {@code text}, {@code blocks} and {@code
 * attachments} (JSON); without them the message text is sent.
 */
public final class SlackService implements NotificationService {
  static final String DEFAULT_API_URL = "https://slack.com/api";

  /** What a person can do about Slack's commonest refusals. */
  private static final Map<String, String> HINTS = Map.of(
      "channel_not_found", "no such channel, or the bot cannot see it",
      "not_in_channel", "invite the bot to the channel",
      "is_archived", "the channel is archived",
      "invalid_auth", "the token is not valid",
      "not_authed", "no token was sent",
      "token_revoked", "the token was revoked",
      "account_inactive", "the token's app or user is no longer active",
      "missing_scope", "the app needs the chat:write scope");

  private final HttpSend http;
  private final String token;
  private final URI target;
  private final String username;
  private final String icon;
  private final Duration timeout;

  public SlackService(ServiceSettings settings, HttpSend http) {
    this.http = http;
    EntryFields.requireVerifiedTls(settings);
    String configuredToken = EntryFields.optional(settings, "token");
    boolean webhook = EntryFields.optional(settings, "webhookUrl") != null;
    if (configuredToken == null && !webhook) {
      throw new NotificationConfigException("service." + settings.entryName()
          + " needs \"token\" (a bot token) or \"webhookUrl\" (an incoming webhook)");
    }
    if (configuredToken != null && webhook) {
      throw new NotificationConfigException("service." + settings.entryName()
          + " has both \"token\" and \"webhookUrl\": keep one");
    }
    this.token = configuredToken;
    this.target = webhook
        ? EntryFields.url(settings, "webhookUrl", null)
        : JsonPost.resolve(EntryFields.url(settings, "apiURL", DEFAULT_API_URL),
            "chat.postMessage");
    this.username = EntryFields.optional(settings, "username");
    this.icon = EntryFields.optional(settings, "icon");
    this.timeout = EntryFields.timeout(settings);
  }

  @Override
  public SendResult send(Outgoing outgoing) {
    ObjectNode body;
    try {
      body = body(outgoing);
    } catch (TemplateJson.Invalid e) {
      return new SendResult.Refused("Slack: " + e.getMessage());
    }
    if (token == null) {
      HttpSend.Answer answer = http.send(
          JsonPost.request(target, body, outgoing, timeout, null), "Slack");
      return answer instanceof HttpSend.NotOk notOk
          ? notOk.result()
          : SendResult.Delivered.plainly("Slack's incoming webhook took the message");
    }
    if (outgoing.recipient() == null || outgoing.recipient().isBlank()) {
      return new SendResult.Refused("Slack needs a channel: the subscription names none");
    }
    body.put("channel", outgoing.recipient());
    String thread = outgoing.thread().get(outgoing.threadKey());
    if (thread != null) {
      body.put("thread_ts", thread);
    }
    HttpSend.Answer answer = http.send(
        JsonPost.request(target, body, outgoing, timeout, "Bearer " + token), "Slack");
    if (answer instanceof HttpSend.NotOk notOk) {
      return notOk.result();
    }
    return posted(((HttpSend.Ok) answer).body(), outgoing, thread);
  }

  private ObjectNode body(Outgoing outgoing) throws TemplateJson.Invalid {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    String text = outgoing.message().field("text");
    body.put("text", text == null || text.isBlank() ? MessageText.of(outgoing) : text);
    TemplateJson.array(outgoing, "slack", "blocks").ifPresent(b -> body.set("blocks", b));
    TemplateJson.array(outgoing, "slack", "attachments")
        .ifPresent(a -> body.set("attachments", a));
    if (username != null) {
      body.put("username", username);
    }
    if (icon != null) {
      body.put(icon.startsWith(":") ? "icon_emoji" : "icon_url", icon);
    }
    return body;
  }

  /** Reads chat.postMessage's answer: Slack says 200 also when it did not post. */
  private static SendResult posted(String answer, Outgoing outgoing, String thread) {
    JsonNode json;
    try {
      json = JsonPost.JSON.readTree(answer);
    } catch (JsonProcessingException e) {
      return new SendResult.Retry("Slack answered 200 without its JSON answer", null);
    }
    if (!json.path("ok").asBoolean(false)) {
      String error = json.path("error").asText("no error named");
      if ("ratelimited".equals(error)) {
        return new SendResult.Retry("Slack is rate-limiting the app (ratelimited)", null);
      }
      String hint = HINTS.get(error);
      return new SendResult.Refused("Slack refused the message in " + outgoing.recipient() + ": "
          + error + (hint == null ? "" : " (" + hint + ")"));
    }
    String root = thread != null ? thread : json.path("ts").asText("");
    String where = "Slack posted it in " + outgoing.recipient()
        + (thread != null ? ", in the release's thread" : "");
    return root.isEmpty()
        ? SendResult.Delivered.plainly(where)
        : new SendResult.Delivered(where, Map.of(outgoing.threadKey(), root));
  }
}
