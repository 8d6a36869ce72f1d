package dev.ramp.notifications.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationService;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;

/**
 * Grafana annotations ({@code service.grafana}): marks the moment on dashboards. {@code apiUrl}
 * is Grafana's API root ({@code https://grafana.example.com/api}, as Argo's), {@code apiKey} a
 * service account token. The subscription's recipient is a list of tags separated by {@code |};
 * Ramp adds {@code ramp}, {@code rollout:<namespace>/<name>}, {@code trigger:<trigger>} and, for
 * a problem, {@code problem}, so a dashboard can show one rollout's releases or only its
 * failures. The template's {@code grafana} section may give {@code dashboardUID} and {@code
 * panelId} to pin the annotation to a dashboard or a panel.
 */
public final class GrafanaService implements NotificationService {
  private final HttpSend http;
  private final URI annotations;
  private final String apiKey;
  private final Duration timeout;

  public GrafanaService(ServiceSettings settings, HttpSend http) {
    this.http = http;
    EntryFields.requireVerifiedTls(settings);
    this.annotations = JsonPost.resolve(EntryFields.url(settings, "apiUrl", null), "annotations");
    this.apiKey = settings.required("apiKey").strip();
    this.timeout = EntryFields.timeout(settings);
  }

  @Override
  public SendResult send(Outgoing outgoing) {
    ObjectNode annotation = JsonPost.JSON.createObjectNode()
        .put("time", System.currentTimeMillis())
        .put("isRegion", false)
        .put("text", MessageText.of(outgoing));
    annotation.set("tags", tags(outgoing));
    String dashboard = outgoing.message().field("dashboardUID");
    if (dashboard != null && !dashboard.isBlank()) {
      annotation.put("dashboardUID", dashboard.strip());
    }
    String panel = outgoing.message().field("panelId");
    if (panel != null && !panel.isBlank()) {
      try {
        annotation.put("panelId", Long.parseLong(panel.strip()));
      } catch (NumberFormatException e) {
        return new SendResult.Refused(
            "Grafana: the template's grafana.panelId must be a number, not \"" + panel + "\"");
      }
    }
    HttpSend.Answer answer = http.send(
        JsonPost.request(annotations, annotation, outgoing, timeout, "Bearer " + apiKey),
        "Grafana");
    if (answer instanceof HttpSend.NotOk notOk) {
      return notOk.result();
    }
    return SendResult.Delivered.plainly("Grafana added the annotation"
        + annotationId(((HttpSend.Ok) answer).body()));
  }

  private static ArrayNode tags(Outgoing outgoing) {
    ArrayNode tags = JsonPost.JSON.createArrayNode();
    String recipient = outgoing.recipient() == null ? "" : outgoing.recipient();
    Arrays.stream(recipient.split("\\|")).map(String::strip).filter(t -> !t.isEmpty())
        .forEach(tags::add);
    tags.add("ramp")
        .add("rollout:" + outgoing.release().namespace() + "/" + outgoing.release().rollout())
        .add("trigger:" + outgoing.trigger());
    if (outgoing.release().problem()) {
      tags.add("problem");
    }
    return tags;
  }

  /** " 17" from Grafana's {"message": "Annotation added", "id": 17}, or nothing. */
  private static String annotationId(String answer) {
    try {
      JsonNode id = JsonPost.JSON.readTree(answer).path("id");
      return id.isMissingNode() ? "" : " " + id.asText();
    } catch (JsonProcessingException e) {
      return "";
    }
  }
}
