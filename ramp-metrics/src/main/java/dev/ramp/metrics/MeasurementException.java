package dev.ramp.metrics;

/**
 * A measurement that could not be taken. The message is shown to people as the measurement's
 * error, so it is written for them and never carries credentials: header values, URL queries
 * or Secret values; an answer's first bytes are quoted with those blanked (see
 * {@link HttpCall#excerpt}).
 */
final class MeasurementException extends Exception {
  MeasurementException(String message) {
    super(message);
  }
}
