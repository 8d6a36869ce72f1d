package dev.ramp.notifications;

import java.time.Duration;
import java.util.Map;

/** What came of sending one message. */
public sealed interface SendResult {
  /** Human-readable: what the receiver answered, never a credential. */
  String message();

  /**
   * The receiver took the message.
   *
   * @param remember what later messages of the same release need from this one (e.g. Slack's
   *     thread {@code ts}, keyed by {@link Outgoing#threadKey()}); stored with the delivery record
   *     and handed back in {@link Outgoing#thread()}; empty when there is nothing to remember
   */
  record Delivered(String message, Map<String, String> remember) implements SendResult {
    public Delivered {
      remember = Map.copyOf(remember);
    }

    public static Delivered plainly(String message) {
      return new Delivered(message, Map.of());
    }
  }

  /**
   * Worth trying again: a 5xx, a 429, a timeout, a refused or dropped connection.
   *
   * @param after how long the receiver asked to wait (429's Retry-After), or null for the
   *     queue's own backoff
   */
  record Retry(String message, Duration after) implements SendResult {}

  /** Not worth trying again (a 4xx: bad token, unknown channel, malformed message). */
  record Refused(String message) implements SendResult {}
}
