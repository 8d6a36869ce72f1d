package dev.ramp.metrics;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The Wavefront cluster a metric asks, and its API token, as Argo Rollouts keeps it: in the Secret
 * {@value #SECRET}, under the metric's address (e.g. {@code example.wavefront.com}, which means
 * https). As a Secret's keys cannot hold a URL, an address written as one finds its token under
 * its host name.
 */
record WavefrontCluster(URI address, SecretToken token) {
  static final String SECRET = "wavefront-api-tokens";

  /** The token for {@code address}: a host name (https) or an http(s) URL. */
  static WavefrontCluster read(Secrets secrets, String namespace, String address)
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
        return new WavefrontCluster(uri, new SecretToken(SECRET, key, token));
      }
    }
    throw new MeasurementException("Secret " + SECRET + " has no token for " + uri.getHost()
        + ": add the API token under the key " + uri.getHost());
  }
}
