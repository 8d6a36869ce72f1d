package dev.ramp.engine.judge;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** A verdict's numbers in words, e.g. "canary event rate 2.1x stable's (99% CS 1.6x–2.9x, ...". */
final class VerdictMessages {
  private final EventWording wording;
  private final double alpha;
  private final double estimate;
  private final double upper;
  private final String interval;

  VerdictMessages(EventWording wording, double alpha, double estimate, double lower,
      double upper) {
    this.wording = wording;
    this.alpha = alpha;
    this.estimate = estimate;
    // α to two significant digits: a signal's share α/k would print as 99.666…%
    String level = BigDecimal.ONE.subtract(BigDecimal.valueOf(alpha).round(new MathContext(2)))
        .movePointRight(2).stripTrailingZeros().toPlainString();
    this.interval = level + "% CS " + ratio(lower) + "–" + ratio(upper);
    this.upper = upper;
  }

  String regression(double eValue) {
    return wording.compared(ratio(estimate)) + " (" + interval + ", e-value "
        + number(eValue) + " ≥ " + number(1 / alpha) + "): regression";
  }

  String acceptable(long canaryRequests) {
    return wording.compared("at most " + ratio(upper)) + " (estimate " + ratio(estimate)
        + ", " + interval + ") after " + count(canaryRequests) + " canary requests: acceptable";
  }

  String undecided(double eValue, long moreRequests, JudgeState state) {
    if (Double.isNaN(estimate)) {
      // no informative batch: either nothing failed yet, or it failed while one side had no
      // traffic, which says nothing about the ratio
      return state.canaryEvents() + state.stableEvents() == 0
          ? "undecided: no events on either side yet"
          : "undecided: no interval yet with requests on both sides and an event (so far canary "
              + count(state.canaryEvents()) + " events in " + count(state.canaryRequests())
              + " requests, stable " + count(state.stableEvents()) + " in "
              + count(state.stableRequests()) + ")";
    }
    String needed = moreRequests == RequestsNeeded.UNKNOWN
        ? "too little data to tell how many more canary requests are needed"
        : "roughly " + count(twoDigits(moreRequests)) + " more canary requests needed";
    return "undecided: " + wording.compared(ratio(estimate)) + " (" + interval
        + ", e-value " + number(eValue) + "); " + needed;
  }

  private static String ratio(double ratio) {
    return Double.isInfinite(ratio) ? "∞" : number(ratio) + "x";
  }

  /** Two significant digits below 10, whole numbers above, powers of ten past a million. */
  private static String number(double value) {
    if (Double.isInfinite(value)) {
      return "∞";
    }
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.1e", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return BigDecimal.valueOf(value).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  /** An estimate to two significant digits, as precise as it is. */
  private static long twoDigits(long estimate) {
    return BigDecimal.valueOf(estimate).round(new MathContext(2)).longValue();
  }

  private static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }
}
