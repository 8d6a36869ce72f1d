package dev.ramp.notifications.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationService;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.ServiceSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP service against receivers that fail: what is worth trying again is retried, what is
 * not is refused, each with a message a person understands and no credential in it.
 */
class ReceiverFailuresTest {
  private static final String SECRET = "S3CR3T";

  /** One service pointed at a receiver; the recipient its subscriptions use. */
  record Case(String name, Function<String, NotificationService> at, String recipient,
      String said) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final HttpSend HTTP = new HttpSend(HttpClient.newHttpClient());

  private static ServiceSettings settings(String type, Map<String, Object> values) {
    Map<String, Object> withTimeout = new HashMap<>(values);
    withTimeout.put("timeout", "500ms");
    return new ServiceSettings(type, type, withTimeout);
  }

  static Stream<Case> services() {
    return Stream.of(
        new Case("Slack bot", base -> new SlackService(settings("slack",
            Map.of("token", "xoxb-" + SECRET, "apiURL", base + "/api")), HTTP), "#releases",
            "Slack"),
        new Case("Slack incoming webhook", base -> new SlackService(settings("slack",
            Map.of("webhookUrl", base + "/services/T0/B0/" + SECRET)), HTTP), "", "Slack"),
        new Case("Teams", base -> new TeamsService(settings("teams",
            Map.of("recipientUrls", Map.of("releases", base + "/workflows/run?sig=" + SECRET))),
            HTTP), "releases", "Teams"),
        new Case("PagerDuty", base -> new PagerDutyService(settings("pagerdutyv2",
            Map.of("apiURL", base, "serviceKeys", Map.of("checkout", SECRET))), HTTP),
            "checkout", "PagerDuty"),
        new Case("Grafana", base -> new GrafanaService(settings("grafana",
            Map.of("apiUrl", base + "/api", "apiKey", SECRET)), HTTP), "deploys", "Grafana"));
  }

  private static SendResult sendTo(Case service, Receiver receiver) {
    return service.at().apply(receiver.url("")).send(
        Messages.text(service.recipient(), "checkout aborted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void aServerErrorIsTriedAgain(Case service) {
    try (Receiver receiver = Receiver.start().answer(Answer.of(500, "upstream failed"))) {
      SendResult result = sendTo(service, receiver);

      assertThat(result).isInstanceOf(SendResult.Retry.class);
      assertThat(result.message()).isEqualTo(service.said() + " answered 500: upstream failed");
      assertThat(((SendResult.Retry) result).after()).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void tooManyRequestsIsTriedAgainAfterWhatTheReceiverAsked(Case service) {
    try (Receiver receiver = Receiver.start().answer(
        Answer.of(429, "{\"ok\": false, \"error\": \"ratelimited\"}").with("Retry-After", "30"))) {
      SendResult result = sendTo(service, receiver);

      assertThat(result).isInstanceOf(SendResult.Retry.class);
      assertThat(((SendResult.Retry) result).after()).isEqualTo(Duration.ofSeconds(30));
      assertThat(result.message()).startsWith(service.said() + " answered 429");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void aClientErrorIsRefusedWithTheReceiversWordsAndNoCredential(Case service) {
    try (Receiver receiver = Receiver.start().answer(Answer.of(403, "invalid_token"))) {
      SendResult result = sendTo(service, receiver);

      assertThat(result).isInstanceOf(SendResult.Refused.class);
      assertThat(result.message()).isEqualTo(service.said() + " answered 403: invalid_token");
      assertThat(result.message()).doesNotContain(SECRET);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void aReceiverThatHangsIsTriedAgainAfterTheTimeout(Case service) {
    try (Receiver receiver = Receiver.start().answer(Answer.hang())) {
      SendResult result = sendTo(service, receiver);

      assertThat(result).isInstanceOf(SendResult.Retry.class);
      assertThat(result.message()).isEqualTo(service.said() + " did not answer in time");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void aClosedConnectionIsTriedAgain(Case service) {
    try (Receiver receiver = Receiver.start().answer(Answer.drop())) {
      SendResult result = sendTo(service, receiver);

      assertThat(result).isInstanceOf(SendResult.Retry.class);
      assertThat(result.message()).startsWith(service.said() + " could not be reached (")
          .doesNotContain(SECRET);
    }
  }
}
