package dev.ramp.controller.config;

/** A setting with a value the controller cannot run with; the message fits on one line. */
public final class InvalidConfigException extends RuntimeException {
  InvalidConfigException(String message) {
    super(message);
  }
}
