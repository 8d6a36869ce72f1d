package dev.ramp.cli;

/** A failure the user can act on: its message is printed as is, without a stack trace. */
public final class CliException extends RuntimeException {
  public CliException(String message) {
    super(message);
  }
}
