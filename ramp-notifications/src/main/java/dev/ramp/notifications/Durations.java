package dev.ramp.notifications;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the notifications ConfigMap writes them: {@code 10s}, {@code 2m}, {@code 500ms}. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private Durations() {}

  static Duration parse(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("is not a duration such as 10s, 2m or 500ms");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
