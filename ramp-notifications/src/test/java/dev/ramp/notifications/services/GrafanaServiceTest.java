package dev.ramp.notifications.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import dev.ramp.notifications.RenderedMessage;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrafanaServiceTest {
  private static final String API_KEY = "glsa_SECRETKEY";

  private final HttpSend http = new HttpSend(HttpClient.newHttpClient());
  private Receiver grafana;

  @BeforeEach
  void start() {
    grafana = Receiver.start()
        .otherwise(Answer.of(200, "{\"message\": \"Annotation added\", \"id\": 17}"));
  }

  @AfterEach
  void stop() {
    grafana.close();
  }

  private GrafanaService service() {
    return new GrafanaService(new ServiceSettings("grafana", "grafana",
        Map.of("apiUrl", grafana.url("/api"), "apiKey", API_KEY)), http);
  }

  @Test
  void aReleaseIsMarkedWithTheRecipientsTagsAndTheRollouts() {
    long before = System.currentTimeMillis();
    SendResult result = service().send(Messages.text("deploys|checkout", "checkout aborted"));
    long after = System.currentTimeMillis();

    Receiver.Request request = grafana.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/annotations");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Ramp-Delivery-Id")).isEqualTo("delivery-1");
    JsonNode annotation = request.json();
    assertThat(annotation.path("time").asLong()).isBetween(before, after);
    assertThat(annotation.path("text").asText()).isEqualTo("checkout aborted");
    assertThat(annotation.path("tags")).extracting(JsonNode::asText).containsExactly(
        "deploys", "checkout", "ramp", "rollout:shop/checkout", "trigger:on-rollout-aborted",
        "problem");
    assertThat(annotation.has("dashboardUID")).isFalse();
    assertThat(result.message()).isEqualTo("Grafana added the annotation 17");
  }

  @Test
  void theTemplatePinsTheAnnotationToADashboardPanel() {
    RenderedMessage message = new RenderedMessage("checkout healthy",
        Map.of("dashboardUID", "checkout-slo", "panelId", "4"));

    service().send(Messages.outgoing("deploys", message, Messages.HEALTHY));

    JsonNode annotation = grafana.only().json();
    assertThat(annotation.path("dashboardUID").asText()).isEqualTo("checkout-slo");
    assertThat(annotation.path("panelId").isNumber()).isTrue();
    assertThat(annotation.path("panelId").asLong()).isEqualTo(4);
    assertThat(annotation.path("tags")).extracting(JsonNode::asText).doesNotContain("problem");
  }

  @Test
  void aPanelIdThatIsNotANumberIsRefusedWithoutSending() {
    RenderedMessage message = new RenderedMessage("x", Map.of("panelId", "latency"));

    SendResult result = service().send(Messages.outgoing("deploys", message, Messages.ABORTED));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message())
        .isEqualTo("Grafana: the template's grafana.panelId must be a number, not \"latency\"");
    assertThat(grafana.requests()).isEmpty();
  }

  @Test
  void grafanasRefusalOfTheKeyIsPassedOnWithoutTheKey() {
    grafana.answer(Answer.of(401, "{\"message\": \"invalid API key\"}"));

    SendResult result = service().send(Messages.text("deploys", "checkout aborted"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("Grafana answered 401: {\"message\": \"invalid API key\"}");
  }

  @Test
  void configurationErrorsNameTheEntryAndFieldButNoValue() {
    assertThatThrownBy(() -> new GrafanaService(new ServiceSettings("grafana", "grafana",
        Map.of("apiUrl", "https://grafana.example.com/api")), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.grafana needs \"apiKey\"");
    assertThatThrownBy(() -> new GrafanaService(
        new ServiceSettings("grafana", "grafana", Map.of("apiKey", API_KEY)), http))
        .isInstanceOf(NotificationConfigException.class)
        .hasMessage("service.grafana needs \"apiUrl\"");
  }
}
