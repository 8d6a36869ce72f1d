package dev.ramp.metrics;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement timeouts: whole seconds ({@code 10} or {@code "10"}), or {@code "10s"},
 * {@code "500ms"}, {@code "1m"}. Deliberately only these forms: ramp-metrics does not depend on
 * the engine's general duration parser.
 */
final class Timeouts {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)?");

  private Timeouts() {}

  static Duration parse(IntOrString timeout, Duration fallback) throws MeasurementException {
    if (timeout == null) {
      return fallback;
    }
    String text = timeout.getIntVal() != null ? timeout.getIntVal().toString()
        : String.valueOf(timeout.getStrVal()).trim();
    Matcher form = FORM.matcher(text);
    if (!form.matches() || Long.parseLong(form.group(1)) == 0) {
      throw new MeasurementException("timeout \"" + text
          + "\" is not a positive duration: write 10 (seconds), 10s, 500ms or 1m");
    }
    long amount = Long.parseLong(form.group(1));
    String unit = form.group(2) == null ? "s" : form.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** The form a person would write: 500ms, 10s, 2m. */
  static String format(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
