package dev.ramp.engine.spec;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as seconds (30) or Go-style strings (30s, 5m, 1h30m, 500ms). */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  private Durations() {}

  /** Parses a duration; throws IllegalArgumentException with a readable message. */
  public static Duration parse(IntOrString value) {
    if (value.getIntVal() != null) {
      return seconds(value.getIntVal(), value.getIntVal());
    }
    return parse(value.getStrVal());
  }

  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a duration is empty");
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("-") && WHOLE.matcher(trimmed.substring(1)).matches()) {
      throw new IllegalArgumentException("duration " + trimmed + " is negative");
    }
    if (trimmed.chars().allMatch(Character::isDigit)) {
      return seconds(trimmed, text);
    }
    if (!WHOLE.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration (write 30, 30s, 5m or 1h30m)");
    }
    double millis = 0;
    Matcher part = PART.matcher(trimmed);
    while (part.find()) {
      double amount = Double.parseDouble(part.group(1));
      millis +=
          switch (part.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
          };
    }
    if (millis >= LONGEST.toMillis()) {
      throw tooLong(text);
    }
    return Duration.ofMillis(Math.round(millis));
  }

  private static Duration seconds(long seconds, Object shown) {
    if (seconds < 0) {
      throw new IllegalArgumentException("duration " + shown + " is negative");
    }
    if (seconds >= LONGEST.getSeconds()) {
      throw tooLong(shown);
    }
    return Duration.ofSeconds(seconds);
  }

  private static Duration seconds(String digits, String shown) {
    try {
      return seconds(Long.parseLong(digits), shown);
    } catch (NumberFormatException e) {
      throw tooLong(shown);
    }
  }

  /** Longer than the longest duration Kubernetes' own tools (Go) can hold is refused. */
  private static IllegalArgumentException tooLong(Object shown) {
    return new IllegalArgumentException("\"" + shown + "\" is longer than "
        + LONGEST.toDays() / 365 + " years");
  }

  /** Short human form: 45s, 5m, 1h30m, 750ms. */
  public static String format(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.getSeconds();
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
      seconds %= 3600;
    }
    if (seconds >= 60) {
      out.append(seconds / 60).append('m');
      seconds %= 60;
    }
    if (seconds > 0 || out.length() == 0) {
      out.append(seconds).append('s');
    }
    return out.toString();
  }
}
