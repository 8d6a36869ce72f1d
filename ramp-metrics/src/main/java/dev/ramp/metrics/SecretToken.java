package dev.ramp.metrics;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * An API token kept under one key of a Secret (Wavefront's, Dynatrace's, Splunk
 * Observability's). It is only ever sent in a request's header; messages name the Secret and
 * the key, never the value.
 */
final class SecretToken {
  private final String secret;
  private final String key;
  private final String value;

  SecretToken(String secret, String key, String value) {
    this.secret = secret;
    this.key = key;
    this.value = value.strip();
  }

  /**
   * The token under {@code key} of the Secret {@code secret}.
   *
   * @param service who needs it, for the messages, e.g. "Dynatrace"
   */
  static SecretToken require(Secrets secrets, String namespace, String secret, String key,
      String service) throws MeasurementException {
    Map<String, String> values = secrets.require(namespace, secret, service + "'s API token");
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new MeasurementException("Secret " + secret + " has no " + key + ", the API token "
          + service + " needs");
    }
    return new SecretToken(secret, key, value);
  }

  /** Adds the header {@code name}: the token after {@code scheme} (e.g. "Bearer "), if any. */
  HttpRequest.Builder authorize(HttpRequest.Builder request, String name, String scheme)
      throws MeasurementException {
    try {
      return request.header(name, scheme + value);
    } catch (IllegalArgumentException e) {
      // the JDK's message quotes the header's value: the token itself
      throw new MeasurementException(credential() + " cannot be sent in an HTTP header: it"
          + " holds a line break or another character headers cannot carry");
    }
  }

  /** How a refusal names what was sent. */
  String credential() {
    return "the token in key " + key + " of Secret " + secret;
  }

  /** The values an answer must never repeat into a message. */
  List<String> secretValues() {
    return List.of(value);
  }
}
