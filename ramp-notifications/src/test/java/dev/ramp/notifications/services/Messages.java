package dev.ramp.notifications.services;

import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.Release;
import dev.ramp.notifications.RenderedMessage;
import java.util.Map;

/** The messages the service tests send: one release of shop/checkout, aborted then healthy. */
final class Messages {
  static final Release ABORTED =
      new Release("shop", "checkout", "0b7c5d1e", "85b7d1", false, true);
  static final Release HEALTHY =
      new Release("shop", "checkout", "0b7c5d1e", "85b7d1", true, false);

  private Messages() {}

  /** Only text, as the built-in templates give these services. */
  static Outgoing text(String recipient, String text) {
    return outgoing(recipient, new RenderedMessage(text, Map.of()), ABORTED);
  }

  static Outgoing outgoing(String recipient, RenderedMessage message, Release release) {
    return new Outgoing("delivery-1", "on-rollout-aborted", recipient, message, release, Map.of());
  }
}
