package dev.ramp.notifications;

import java.util.Map;

/**
 * One message for one recipient through one service.
 *
 * @param deliveryId the same for every attempt of this delivery, also after a restart: sent as
 *     the {@code Ramp-Delivery-Id} header (or the service's own idempotency field) so that a
 *     receiver can drop a duplicate
 * @param trigger the trigger that fired, e.g. {@code on-rollout-aborted}
 * @param recipient the subscription's recipient for this service (a Slack channel, an e-mail
 *     address, a PagerDuty routing key's name, …), or empty when the service needs none
 * @param message the template rendered for this service
 * @param release what the message is about
 * @param thread what earlier deliveries of the same release to the same service and recipient
 *     left to remember (see {@link SendResult.Delivered#remember()}); empty for the first
 */
public record Outgoing(
    String deliveryId,
    String trigger,
    String recipient,
    RenderedMessage message,
    Release release,
    Map<String, String> thread) {
  public Outgoing {
    thread = Map.copyOf(thread);
  }

  /** Earlier messages of one release to one recipient of one service share this key. */
  public String threadKey() {
    return threadKey(release.namespace(), release.rollout(), release.revision(), recipient);
  }

  /** The thread key of a release's messages to a recipient. */
  public static String threadKey(String namespace, String rollout, String revision,
      String recipient) {
    return namespace + "/" + rollout + "/" + revision + "/" + recipient;
  }
}
