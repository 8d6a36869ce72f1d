package dev.ramp.engine.spec;

import io.fabric8.kubernetes.api.model.IntOrString;

/** Resolves an absolute number or a percentage (maxSurge, maxUnavailable) against a total. */
public final class Percentages {
  private Percentages() {}

  /**
   * Resolves {@code value} (or {@code fallback} when null) against {@code total}; percentages
   * round up when {@code roundUp}, down otherwise, as Deployments do.
   */
  public static int resolve(IntOrString value, String fallback, int total, boolean roundUp) {
    IntOrString effective = value != null ? value : new IntOrString(fallback);
    if (effective.getIntVal() != null) {
      if (effective.getIntVal() < 0) {
        throw new IllegalArgumentException(effective.getIntVal() + " is negative");
      }
      return effective.getIntVal();
    }
    String text = effective.getStrVal().trim();
    if (!text.matches("\\d+%?")) {
      throw new IllegalArgumentException("\"" + text + "\" is not a number or a percentage");
    }
    if (!text.endsWith("%")) {
      return Integer.parseInt(text);
    }
    long percent = Long.parseLong(text.substring(0, text.length() - 1));
    long scaled = percent * total;
    return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
  }
}
