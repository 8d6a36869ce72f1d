package dev.ramp.metrics;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The window a query measures, ending now, as Argo Rollouts writes it: 30s, 5m or 1h. */
final class Intervals {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})(s|m|h)");

  /** The window when none is written, as in Argo Rollouts' providers. */
  private static final Duration DEFAULT = Duration.ofMinutes(5);

  private Intervals() {}

  /** The window {@code interval} names; 5 minutes when it is null. */
  static Duration parse(String interval) throws MeasurementException {
    if (interval == null) {
      return DEFAULT;
    }
    Matcher form = FORM.matcher(interval.trim());
    if (!form.matches() || Long.parseLong(form.group(1)) == 0) {
      throw new MeasurementException("interval \"" + interval
          + "\" is not a positive duration: write 30s, 5m or 1h");
    }
    long amount = Long.parseLong(form.group(1));
    return switch (form.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
