package dev.ramp.notifications;

import static dev.ramp.notifications.Notifications.config;
import static dev.ramp.notifications.Notifications.outgoing;
import static dev.ramp.notifications.Notifications.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.notifications.Receiver.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {
  private final Receiver receiver = Receiver.start();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private NotificationConfig releases(String timeout) {
    return config(Map.of(
        "service.webhook.releases", """
            url: %s/hooks
            headers: [{name: X-Team-Token, value: $team-token}]
            secret: $signing-key
            timeout: %s
            """.formatted(receiver.url(), timeout),
        "template.rollout-aborted", """
            message: '{{name}} "{{version}}" aborted at {{weight}}%: {{verdict}}'
            webhook:
              releases:
                method: PUT
                path: /releases/{{name}}
                body: '{"text": "{{message}}", "step": {{step}}}'
            """),
        Map.of("team-token", "t0k3n", "signing-key", "s3cret"));
  }

  @Test
  void sendsTheTemplatesMethodPathHeadersAndBodyWithASignatureTheReceiverCanVerify() {
    NotificationConfig config = releases("5s");
    SendResult result = service(config, "releases").send(outgoing(config, "on-rollout-aborted",
        "releases", "error rate 9% > 1%\nsee \"runbook\""));

    assertThat(result).isInstanceOf(SendResult.Delivered.class);
    Receiver.Request request = receiver.requests().get(0);
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.path()).isEqualTo("/hooks/releases/checkout");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("X-Team-Token")).isEqualTo("t0k3n");
    assertThat(request.header("Ramp-Delivery-Id")).isEqualTo("releases-on-rollout-aborted");
    assertThat(request.header("Ramp-Trigger")).isEqualTo("on-rollout-aborted");
    // the message's quotes and newline are escaped in the JSON body, and nowhere else
    assertThat(json(request.body()).get("text").asText()).isEqualTo(
        "checkout \"v42\" aborted at 25%: error rate 9% > 1%\nsee \"runbook\"");
    assertThat(json(request.body()).get("step").asInt()).isEqualTo(1);
    assertThat(verified(request, "s3cret")).isTrue();
    assertThat(verified(request, "another key")).isFalse();
  }

  @Test
  void aTemplateWithoutABodyForTheWebhookSendsTheDefaultBody() {
    NotificationConfig config = config(Map.of("service.webhook.releases",
        "url: " + receiver.url()), null);
    service(config, "releases").send(outgoing(config, "on-rollout-aborted", "releases",
        "analysis run checkout-85b7d1-1 failed"));

    Receiver.Request request = receiver.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Ramp-Signature")).isNull();
    JsonNode body = json(request.body());
    assertThat(body.get("trigger").asText()).isEqualTo("on-rollout-aborted");
    assertThat(body.get("namespace").asText()).isEqualTo("shop");
    assertThat(body.get("rollout").asText()).isEqualTo("checkout");
    assertThat(body.get("revision").asText()).isEqualTo("85b7d1");
    assertThat(body.get("weight").asInt()).isEqualTo(25);
    assertThat(body.get("steps").asInt()).isEqualTo(3);
    assertThat(body.get("images").get(0).asText()).isEqualTo("example/checkout:v42");
    assertThat(body.get("message").asText()).isEqualTo(
        "checkout v42 (rev 85b7d1) aborted at 25%: analysis run checkout-85b7d1-1 failed");
    assertThat(body.get("dashboardUrl").asText())
        .isEqualTo("https://ramp.example/rollouts/shop/checkout");
  }

  @Test
  void aClientErrorIsRefusedWithTheReceiversAnswer() {
    receiver.answer(Answer.status(403));
    NotificationConfig config = releases("5s");
    SendResult result = service(config, "releases").send(outgoing(config, "on-rollout-aborted",
        "releases", "x"));

    assertThat(result).isInstanceOf(SendResult.Refused.class);
    assertThat(result.message()).isEqualTo("webhook releases answered 403: answer 403")
        .doesNotContain("t0k3n", "s3cret", receiver.url().toString());
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeIsWorthARetry() {
    receiver.answer(Answer.hang());
    NotificationConfig config = releases("300ms");
    Instant start = Instant.now();
    SendResult result = service(config, "releases").send(outgoing(config, "on-rollout-aborted",
        "releases", "x"));

    assertThat(result).isInstanceOf(SendResult.Retry.class);
    assertThat(result.message()).isEqualTo("webhook releases did not answer in time");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aClosedConnectionIsWorthARetry() {
    receiver.answer(Answer.drop());
    NotificationConfig config = releases("5s");
    SendResult result = service(config, "releases").send(outgoing(config, "on-rollout-aborted",
        "releases", "x"));

    assertThat(result).isInstanceOf(SendResult.Retry.class);
    assertThat(result.message()).startsWith("webhook releases could not be reached");
  }

  /**
   * What the docs tell a receiver to do: take t and v1 from Ramp-Signature, compute the
   * HMAC-SHA256 of "t.body" with the shared secret, compare in constant time, and refuse a t
   * older than five minutes.
   */
  private static boolean verified(Receiver.Request request, String secret) {
    Map<String, String> parts = new HashMap<>();
    for (String part : request.header("Ramp-Signature").split(",")) {
      String[] kv = part.split("=", 2);
      parts.put(kv[0], kv[1]);
    }
    long t = Long.parseLong(parts.get("t"));
    if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + request.body()).getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
