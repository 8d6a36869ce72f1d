package dev.ramp.metrics;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * Wavefront's API token, as Argo Rollouts keeps it: in the Secret {@value #SECRET}, under the
 * metric's address (e.g. {@code example.wavefront.com}); as a Secret's keys cannot hold a URL,
 * an address written as one finds its token under its host name. The token is only ever sent to
 * that address, as a bearer token; messages name the Secret and the key.
 */
final class WavefrontToken {
  static final String SECRET = "wavefront-api-tokens";

  private final String key;
  private final URI address;
  private final String token;

  private WavefrontToken(String key, URI address, String token) {
    this.key = key;
    this.address = address;
    this.token = token;
  }

  /** The token for {@code address}: a host name (https) or an http(s) URL. */
  static WavefrontToken read(Secrets secrets, String namespace, String address)
      throws MeasurementException {
    String written = address == null ? "" : address.trim();
    if (written.isEmpty()) {
      throw new MeasurementException("address is empty: write the Wavefront cluster, e.g."
          + " example.wavefront.com");
    }
    URI uri = HttpCall.uri(written.contains("://") ? written : "https://" + written,
        "the address");
    Map<String, String> tokens = secrets.require(namespace, SECRET, "Wavefront's API tokens");
    for (String key : List.of(written, uri.getHost())) {
      String token = tokens.get(key);
      if (token != null && !token.isBlank()) {
        return new WavefrontToken(key, uri, token.strip());
      }
    }
    throw new MeasurementException("Secret " + SECRET + " has no token for " + uri.getHost()
        + ": add the API token under the key " + uri.getHost());
  }

  URI address() {
    return address;
  }

  HttpRequest.Builder authorize(HttpRequest.Builder request) throws MeasurementException {
    try {
      return request.header("Authorization", "Bearer " + token);
    } catch (IllegalArgumentException e) {
      // the JDK's message quotes the header's value: the token itself
      throw new MeasurementException(credential() + " cannot be sent in an HTTP header: it"
          + " holds a line break or another character headers cannot carry");
    }
  }

  /** How a refusal names what was sent. */
  String credential() {
    return "the token " + key + " of Secret " + SECRET;
  }

  /** The values an answer must never repeat into a message. */
  List<String> secretValues() {
    return List.of(token);
  }
}
