package dev.ramp.notifications.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.NotificationService;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft Teams ({@code service.teams}) through a Workflows (Power Automate) webhook: an
 * Adaptive Card in a message. {@code recipientUrls} maps the names subscriptions use to webhook
 * URLs, as Argo's; {@code webhookUrl} serves subscriptions that name none.
 *
 * <p>The template's {@code teams} section may give the whole {@code card} (JSON), or a {@code
 * title} and {@code facts} (a JSON array of {@code {"name"|"title": …, "value": …}}); without
 * them the card shows the message text and the release.
 */
public final class TeamsService implements NotificationService {
  static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

  private final HttpSend http;
  private final Map<String, URI> recipientUrls = new LinkedHashMap<>();
  private final URI webhookUrl;
  private final Duration timeout;

  public TeamsService(ServiceSettings settings, HttpSend http) {
    this.http = http;
    EntryFields.requireVerifiedTls(settings);
    EntryFields.stringMap(settings, "recipientUrls").forEach((name, url) -> recipientUrls.put(
        name, EntryFields.parseUrl(settings, "recipientUrls." + name, url.strip())));
    this.webhookUrl = EntryFields.optional(settings, "webhookUrl") == null
        ? null
        : EntryFields.url(settings, "webhookUrl", null);
    if (recipientUrls.isEmpty() && webhookUrl == null) {
      throw new NotificationConfigException("service." + settings.entryName()
          + " needs \"recipientUrls\" (a Workflows webhook URL for each name) or \"webhookUrl\"");
    }
    this.timeout = EntryFields.timeout(settings);
  }

  @Override
  public SendResult send(Outgoing outgoing) {
    String recipient = outgoing.recipient() == null ? "" : outgoing.recipient().strip();
    URI target = recipient.isEmpty() ? webhookUrl : recipientUrls.get(recipient);
    if (target == null) {
      return new SendResult.Refused(recipient.isEmpty()
          ? "Teams needs a recipient: the subscription names none and there is no webhookUrl"
          : "Teams has no recipientUrls entry named \"" + recipient + "\"");
    }
    ObjectNode card;
    try {
      Optional<JsonNode> given = TemplateJson.object(outgoing, "teams", "card");
      card = given.isPresent() ? (ObjectNode) given.get() : defaultCard(outgoing);
    } catch (TemplateJson.Invalid e) {
      return new SendResult.Refused("Teams: " + e.getMessage());
    }
    ObjectNode message = JsonPost.JSON.createObjectNode().put("type", "message");
    message.putArray("attachments").addObject()
        .put("contentType", ADAPTIVE_CARD)
        .set("content", card);
    HttpSend.Answer answer = http.send(
        JsonPost.request(target, message, outgoing, timeout, null), "Teams");
    return answer instanceof HttpSend.NotOk notOk
        ? notOk.result()
        : SendResult.Delivered.plainly("Teams took the card"
            + (recipient.isEmpty() ? "" : " for " + recipient));
  }

  private static ObjectNode defaultCard(Outgoing outgoing) throws TemplateJson.Invalid {
    ObjectNode card = JsonPost.JSON.createObjectNode()
        .put("type", "AdaptiveCard")
        .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("version", "1.4");
    ArrayNode body = card.putArray("body");
    String title = outgoing.message().field("title");
    body.addObject().put("type", "TextBlock")
        .put("text", title == null || title.isBlank() ? MessageText.headline(outgoing) : title)
        .put("weight", "Bolder").put("size", "Medium").put("wrap", true);
    String text = outgoing.message().text();
    if (text != null && !text.isBlank()) {
      body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }
    body.addObject().put("type", "FactSet").set("facts", facts(outgoing));
    return card;
  }

  /** The template's facts as the card's {title, value}, or the release's. */
  private static ArrayNode facts(Outgoing outgoing) throws TemplateJson.Invalid {
    ArrayNode facts = JsonPost.JSON.createArrayNode();
    Optional<JsonNode> given = TemplateJson.array(outgoing, "teams", "facts");
    if (given.isEmpty()) {
      facts.addObject().put("title", "Rollout")
          .put("value", outgoing.release().namespace() + "/" + outgoing.release().rollout());
      facts.addObject().put("title", "Revision").put("value", outgoing.release().revision());
      facts.addObject().put("title", "Trigger").put("value", outgoing.trigger());
      return facts;
    }
    for (JsonNode fact : given.get()) {
      JsonNode name = fact.has("title") ? fact.get("title") : fact.get("name");
      if (name == null || !fact.has("value")) {
        throw new TemplateJson.Invalid(
            "each of the template's teams.facts needs a \"name\" (or \"title\") and a \"value\"");
      }
      facts.addObject().put("title", name.asText()).put("value", fact.get("value").asText());
    }
    return facts;
  }
}
