package dev.ramp.engine.judge;

/**
 * How a verdict names the canary's event rate next to stable's: "canary event rate 2.1x
 * stable's" for any counted event, "canary slower than 300ms 2.1x as often as stable" for
 * latency counted as the requests slower than a threshold.
 */
public record EventWording(String before, String after) {
  public static final EventWording EVENTS = new EventWording("canary event rate ", " stable's");

  /** @param threshold as the user wrote it, e.g. 300ms */
  public static EventWording slowerThan(String threshold) {
    return new EventWording("canary slower than " + threshold + " ", " as often as stable");
  }

  /** The comparison, e.g. "canary event rate at most 1.4x stable's" for "at most 1.4x". */
  String compared(String ratio) {
    return before + ratio + after;
  }
}
