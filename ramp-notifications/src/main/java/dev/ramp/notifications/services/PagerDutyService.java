package dev.ramp.notifications.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.NotificationService;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.Release;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * PagerDuty Events API v2 ({@code service.pagerdutyv2}): {@code serviceKeys} maps the names
 * subscriptions use to integration (routing) keys, as Argo's. A message about a rollout that is
 * healthy again resolves the incident; any other triggers it. Both carry the same {@code
 * dedup_key} for the rollout, so the incident an abort opened is the one its recovery resolves,
 * whether the rollout recovers by a retry of the same revision or by a fixed one, and a trigger
 * sent twice stays one incident.
 *
 * <p>The template's {@code pagerdutyv2} section may give {@code summary}, {@code severity},
 * {@code source}, {@code component}, {@code group}, {@code class} and {@code url}.
 */
public final class PagerDutyService implements NotificationService {
  static final String DEFAULT_API_URL = "https://events.pagerduty.com";

  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
  /** PagerDuty cuts a longer summary. */
  private static final int SUMMARY_LIMIT = 1024;

  private final HttpSend http;
  private final Map<String, String> serviceKeys;
  private final URI enqueue;
  private final Duration timeout;

  public PagerDutyService(ServiceSettings settings, HttpSend http) {
    this.http = http;
    EntryFields.requireVerifiedTls(settings);
    this.serviceKeys = EntryFields.stringMap(settings, "serviceKeys");
    if (serviceKeys.isEmpty()) {
      throw new NotificationConfigException("service." + settings.entryName()
          + " needs \"serviceKeys\" (an Events API v2 integration key for each name)");
    }
    serviceKeys.forEach((name, key) -> {
      if (key.isBlank()) {
        throw new NotificationConfigException("service." + settings.entryName()
            + ": \"serviceKeys." + name + "\" is empty");
      }
    });
    this.enqueue = JsonPost.resolve(
        EntryFields.url(settings, "apiURL", DEFAULT_API_URL), "v2/enqueue");
    this.timeout = EntryFields.timeout(settings);
  }

  /** One open incident per rollout: its next healthy message resolves it. */
  static String dedupKey(Release release) {
    return "ramp/" + release.namespace() + "/" + release.rollout();
  }

  @Override
  public SendResult send(Outgoing outgoing) {
    String recipient = outgoing.recipient() == null ? "" : outgoing.recipient().strip();
    String routingKey = serviceKeys.get(recipient);
    if (routingKey == null) {
      return new SendResult.Refused(recipient.isEmpty()
          ? "PagerDuty needs a recipient naming one of serviceKeys: the subscription names none"
          : "PagerDuty has no serviceKeys entry named \"" + recipient + "\"");
    }
    boolean resolve = outgoing.release().healthy();
    String dedupKey = dedupKey(outgoing.release());
    ObjectNode event = JsonPost.JSON.createObjectNode()
        .put("routing_key", routingKey)
        .put("event_action", resolve ? "resolve" : "trigger")
        .put("dedup_key", dedupKey)
        .put("client", "Ramp");
    if (!resolve) {
      String severity = field(outgoing, "severity", outgoing.release().problem() ? "error" : "info");
      if (!SEVERITIES.contains(severity)) {
        return new SendResult.Refused("PagerDuty: the template's pagerdutyv2.severity must be "
            + "critical, error, warning or info, not \"" + severity + "\"");
      }
      event.set("payload", payload(outgoing, severity));
      String url = outgoing.message().field("url");
      if (url != null && !url.isBlank()) {
        event.putArray("links").addObject().put("href", url.strip()).put("text", "Rollout");
      }
    }
    HttpSend.Answer answer = http.send(
        JsonPost.request(enqueue, event, outgoing, timeout, null), "PagerDuty");
    if (answer instanceof HttpSend.NotOk notOk) {
      return notOk.result();
    }
    return SendResult.Delivered.plainly("PagerDuty " + (resolve ? "resolved" : "triggered")
        + " the incident " + dedupKey + " for " + recipient);
  }

  private static ObjectNode payload(Outgoing outgoing, String severity) {
    String summary = field(outgoing, "summary", MessageText.of(outgoing));
    ObjectNode payload = JsonPost.JSON.createObjectNode()
        .put("summary", summary.length() > SUMMARY_LIMIT
            ? summary.substring(0, SUMMARY_LIMIT - 1) + "…" : summary)
        .put("severity", severity)
        .put("source", field(outgoing, "source",
            outgoing.release().namespace() + "/" + outgoing.release().rollout()));
    for (String optional : new String[] {"component", "group", "class"}) {
      String value = outgoing.message().field(optional);
      if (value != null && !value.isBlank()) {
        payload.put(optional, value.strip());
      }
    }
    payload.putObject("custom_details")
        .put("namespace", outgoing.release().namespace())
        .put("rollout", outgoing.release().rollout())
        .put("revision", outgoing.release().revision())
        .put("trigger", outgoing.trigger());
    return payload;
  }

  private static String field(Outgoing outgoing, String name, String fallback) {
    String value = outgoing.message().field(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
