package dev.ramp.metrics;

/**
 * A measurement that could not be taken. The message is shown to people as the measurement's
 * error, so it is written for them and never carries header values, bodies or URL queries.
 */
final class MeasurementException extends Exception {
  MeasurementException(String message) {
    super(message);
  }
}
