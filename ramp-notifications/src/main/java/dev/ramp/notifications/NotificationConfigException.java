package dev.ramp.notifications;

/**
 * The notifications ConfigMap or Secret holds something Ramp cannot use: the message says what
 * and where (never a credential), for {@code kubectl ramp lint}, a condition and an Event.
 */
public class NotificationConfigException extends RuntimeException {
  public NotificationConfigException(String message) {
    super(message);
  }

  public NotificationConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
