package dev.ramp.api.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a compare metric with several signals reads in one measurement: each signal's
 * {@link CounterReading}, by signal name, in the order the metric lists them. All are read in the
 * same measurement, so each signal's batch spans the same interval.
 */
public record SignalReadings(Map<String, CounterReading> bySignal) {
  public SignalReadings {
    bySignal = Collections.unmodifiableMap(new LinkedHashMap<>(bySignal));
  }
}
