package dev.ramp.metrics;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An InfluxDB access profile, as Argo Rollouts keeps it: a Secret holding {@code address},
 * {@code authToken} and {@code org}; Ramp also takes {@code username} and {@code password}, which
 * InfluxDB 1.x servers without tokens ask for. The Secret's values are only ever sent to the
 * address; messages name the Secret and its keys.
 */
final class InfluxProfile {
  static final String DEFAULT_SECRET = "influxdb";

  private final String secret;
  private final URI address;
  private final Map<String, String> values;

  private InfluxProfile(String secret, URI address, Map<String, String> values) {
    this.secret = secret;
    this.address = address;
    this.values = values;
  }

  /** The profile named {@code profile} (default {@value #DEFAULT_SECRET}) in {@code namespace}. */
  static InfluxProfile read(Secrets secrets, String namespace, String profile)
      throws MeasurementException {
    String name = profile == null || profile.isBlank() ? DEFAULT_SECRET : profile.trim();
    Map<String, String> values = secrets.require(namespace, name, "the InfluxDB profile");
    if (blank(values.get("address"))) {
      throw new MeasurementException("Secret " + name + " has no address (InfluxDB's URL, e.g."
          + " http://influxdb.monitoring:8086)");
    }
    return new InfluxProfile(name, HttpCall.uri(values.get("address"),
        "the address in Secret " + name), values);
  }

  URI address() {
    return address;
  }

  /** The organization Flux queries run in. */
  String org() throws MeasurementException {
    if (blank(values.get("org"))) {
      throw new MeasurementException("Secret " + secret + " has no org, which Flux queries"
          + " (InfluxDB 2.x) need");
    }
    return values.get("org");
  }

  /**
   * Adds the credentials: the authToken if there is one, else username and password. A token
   * is sent without the line break a Secret made from a file often ends with.
   */
  HttpRequest.Builder authorize(HttpRequest.Builder request) throws MeasurementException {
    String authorization = null;
    if (!blank(values.get("authToken"))) {
      authorization = "Token " + values.get("authToken").strip();
    } else if (!blank(values.get("username"))) {
      String pair = values.get("username") + ":" + Objects.toString(values.get("password"), "");
      authorization = "Basic "
          + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    try {
      return authorization == null ? request : request.header("Authorization", authorization);
    } catch (IllegalArgumentException e) {
      // the JDK's message quotes the header's value: the token itself
      throw new MeasurementException(credential() + " cannot be sent in an HTTP header: it"
          + " holds a line break or another character headers cannot carry");
    }
  }

  /** How a refusal names what was sent, e.g. "the authToken of Secret influxdb". */
  String credential() {
    if (!blank(values.get("authToken"))) {
      return "the authToken of Secret " + secret;
    }
    return blank(values.get("username")) ? "a request without credentials (Secret " + secret
        + " has neither authToken nor username)"
        : "the username and password of Secret " + secret;
  }

  /** The values an answer must never repeat into a message. */
  List<String> secretValues() {
    return Stream.of("authToken", "password").map(values::get).filter(value -> !blank(value))
        .map(String::strip).toList();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
