package dev.ramp.notifications;

/**
 * One kind of receiver (webhook, Slack, Teams, PagerDuty, email, Grafana, Kubernetes Events): one
 * class each, built from its {@code service.<type>[.<name>]} entry in the notifications ConfigMap.
 *
 * <p>A service sends one message to one recipient and says what came of it. It never throws for
 * what the receiver answered or for a receiver that could not be reached: that is a {@link
 * SendResult}. It never puts a credential in a result's message.
 */
public interface NotificationService {
  /** Sends the message; blocks for at most the service's own timeout. */
  SendResult send(Outgoing outgoing);
}
