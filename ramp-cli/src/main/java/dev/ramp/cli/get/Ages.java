package dev.ramp.cli.get;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Ages as kubectl shows them: 45s, 3m20s, 15m, 2h5m, 20h, 3d. */
final class Ages {
  private Ages() {}

  static String since(String timestamp, Instant now) {
    if (timestamp == null) {
      return "";
    }
    try {
      return format(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  static String format(Duration age) {
    long s = Math.max(0, age.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 600) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    if (s < 3 * 3600) {
      return s / 60 + "m";
    }
    if (s < 8 * 3600) {
      return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }
}
