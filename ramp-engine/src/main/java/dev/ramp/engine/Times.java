package dev.ramp.engine;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** RFC 3339 times as stored in status and annotations. */
public final class Times {
  private Times() {}

  /** Parses a stored time; a missing or unreadable one gives {@code fallback}. */
  public static Instant parse(String text, Instant fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  /** RFC 3339 to the second, as Kubernetes writes times. */
  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
