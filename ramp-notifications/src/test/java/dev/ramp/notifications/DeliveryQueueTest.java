package dev.ramp.notifications;

import static dev.ramp.notifications.Notifications.config;
import static dev.ramp.notifications.Notifications.outgoing;
import static dev.ramp.notifications.Notifications.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.notifications.Delivery;
import dev.ramp.notifications.Receiver.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {
  private static final Duration WITHIN = Duration.ofSeconds(20);
  private final Receiver receiver = Receiver.start();
  private final Receiver slow = Receiver.start();
  private final List<DeliveryQueue.Outcome> told = new CopyOnWriteArrayList<>();
  private DeliveryQueue queue = queue(Duration.ofMinutes(10));

  @AfterEach
  void stop() {
    queue.close();
    receiver.close();
    slow.close();
  }

  private DeliveryQueue queue(Duration giveUpAfter) {
    return new DeliveryQueue(giveUpAfter, Duration.ofMillis(100), Duration.ofSeconds(1), 10,
        (job, outcome, latency) -> told.add(outcome));
  }

  private final NotificationConfig config = config(Map.of(
      "service.webhook.releases", "url: " + receiver.url(),
      "service.webhook.audit", "{url: '" + slow.url() + "', timeout: 3s}"), null);

  private DeliveryQueue.Job job(String service) {
    return new DeliveryQueue.Job("shop/checkout", service, service(config, service),
        outgoing(config, "on-rollout-aborted", service, "x"));
  }

  private DeliveryQueue.Outcome outcome(String service) {
    String id = job(service).outgoing().deliveryId();
    Awaitility.await(service + "'s outcome").atMost(WITHIN)
        .until(() -> queue.outcomes("shop/checkout").containsKey(id));
    return queue.outcomes("shop/checkout").get(id);
  }

  @Test
  void anAnswer500ThenA200IsDeliveredOnceUnderOneId() {
    receiver.answer(Answer.status(500), Answer.status(200));
    assertThat(queue.offer(job("releases"))).isTrue();

    DeliveryQueue.Outcome outcome = outcome("releases");
    assertThat(outcome.state()).isEqualTo(Delivery.SENT);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(receiver.requests()).hasSize(2)
        .extracting(r -> r.header("Ramp-Delivery-Id")).containsOnly("releases-on-rollout-aborted");
    assertThat(told).containsExactly(outcome);
  }

  @Test
  void anOfferOfADeliveryUnderWayOrNotYetRecordedIsIgnored() {
    receiver.answer(Answer.status(500));
    assertThat(queue.offer(job("releases"))).isTrue();
    assertThat(queue.offer(job("releases"))).isFalse();
    outcome("releases");
    assertThat(queue.offer(job("releases"))).isFalse();

    queue.recorded("shop/checkout", List.of("releases-on-rollout-aborted"));
    assertThat(queue.outcomes("shop/checkout")).isEmpty();
    assertThat(queue.offer(job("releases"))).isFalse(); // recorded: a stale read must not resend
    assertThat(receiver.requests()).hasSize(2);
  }

  @Test
  void aTooManyRequestsAnswerIsRetriedAfterItsRetryAfter() {
    receiver.answer(Answer.status(429, "Retry-After", "2"));
    queue.offer(job("releases"));

    assertThat(outcome("releases").state()).isEqualTo(Delivery.SENT);
    List<Receiver.Request> requests = receiver.requests();
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
  }

  @Test
  void aRefusalFailsAtOnceWithTheReceiversAnswer() {
    receiver.answer(Answer.status(404));
    queue.offer(job("releases"));

    DeliveryQueue.Outcome outcome = outcome("releases");
    assertThat(outcome.state()).isEqualTo(Delivery.FAILED);
    assertThat(outcome.refused()).isTrue();
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message()).isEqualTo("webhook releases answered 404: answer 404");
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void aReceiverThatHangsDelaysNoOtherServiceAndIsRetried() {
    slow.answer(Answer.hang());
    queue.offer(job("audit"));
    queue.offer(job("releases"));

    assertThat(outcome("releases").state()).isEqualTo(Delivery.SENT);
    assertThat(queue.outcomes("shop/checkout")).doesNotContainKey("audit-on-rollout-aborted");
    assertThat(slow.requests()).hasSize(1); // still waiting for its answer

    slow.await("the retry after the timeout", WITHIN, requests -> requests.size() == 2);
  }

  @Test
  void retriesEndInFailureAfterTheBoundedTime() {
    queue.close();
    queue = queue(Duration.ofMillis(1_500));
    for (int i = 0; i < 50; i++) {
      receiver.answer(Answer.status(503));
    }
    queue.offer(job("releases"));

    DeliveryQueue.Outcome outcome = outcome("releases");
    assertThat(outcome.state()).isEqualTo(Delivery.FAILED);
    assertThat(outcome.refused()).isFalse();
    assertThat(outcome.attempts()).isGreaterThan(2).isEqualTo(receiver.requests().size());
    assertThat(outcome.message()).isEqualTo("gave up after " + outcome.attempts()
        + " attempts: webhook releases answered 503: answer 503");
  }
}
