package dev.ramp.notifications.services;

import dev.ramp.notifications.Outgoing;

/** The text a service shows: the template's message, or a line saying what happened. */
final class MessageText {
  private MessageText() {}

  /** The message text, or {@link #headline} when the template has none. */
  static String of(Outgoing outgoing) {
    String text = outgoing.message().text();
    return text == null || text.isBlank() ? headline(outgoing) : text;
  }

  /** "Rollout shop/checkout: on-rollout-aborted": a title when the template gives none. */
  static String headline(Outgoing outgoing) {
    return "Rollout " + outgoing.release().namespace() + "/" + outgoing.release().rollout()
        + ": " + outgoing.trigger();
  }
}
