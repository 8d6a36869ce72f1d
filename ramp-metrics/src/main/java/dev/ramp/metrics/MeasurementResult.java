package dev.ramp.metrics;

import java.util.Map;

/**
 * What a provider measured.
 *
 * @param value the value the conditions see as {@code result}: a Double, a List of Doubles, or a
 *     JSON value (String, Boolean, Double, Long, List, Map); for a compare metric, the
 *     {@link dev.ramp.api.analysis.CounterReading} (or {@link dev.ramp.api.analysis.SignalReadings}
 *     for several signals); null when there is none
 * @param verdict the provider's own verdict (a Job that failed is Failed), or null to let the
 *     metric's conditions judge the value
 * @param metadata what {@link MetricProvider#resume} needs to continue a running measurement
 */
public record MeasurementResult(State state, Object value, Verdict verdict, String message,
    Map<String, String> metadata) {

  /** Where the measurement is. */
  public enum State { RUNNING, DONE, ERROR }

  /** A provider's own verdict, for providers that judge by themselves. */
  public enum Verdict { SUCCESSFUL, INCONCLUSIVE, FAILED }

  /** A measurement taken at once: it reads a value or fails. */
  @FunctionalInterface
  interface Synchronous {
    Object read() throws MeasurementException;
  }

  public static MeasurementResult value(Object value) {
    return new MeasurementResult(State.DONE, value, null, null, Map.of());
  }

  /** What {@code measurement} reads, or the reason it could not as an error result. */
  static MeasurementResult valueOf(Synchronous measurement) {
    try {
      return value(measurement.read());
    } catch (MeasurementException e) {
      return error(e.getMessage());
    }
  }

  public static MeasurementResult error(String message) {
    return new MeasurementResult(State.ERROR, null, null, message, Map.of());
  }

  public static MeasurementResult running(Map<String, String> metadata) {
    return new MeasurementResult(State.RUNNING, null, null, null, metadata);
  }

  public static MeasurementResult judged(Verdict verdict, String message) {
    return judged(verdict, null, message);
  }

  /** A provider's verdict on {@code value}, which the measurement shows. */
  public static MeasurementResult judged(Verdict verdict, Object value, String message) {
    return new MeasurementResult(State.DONE, value, verdict, message, Map.of());
  }
}
