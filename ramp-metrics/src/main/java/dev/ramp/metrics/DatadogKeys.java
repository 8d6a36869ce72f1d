package dev.ramp.metrics;

import dev.ramp.api.analysis.DatadogMetric.SecretRef;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * Datadog's keys, as Argo Rollouts keeps them: a Secret (default {@value #DEFAULT_SECRET})
 * holding {@code api-key}, {@code app-key} and, for another site than US1, {@code address}
 * (e.g. https://api.datadoghq.eu). The keys are only ever sent to the address, as Datadog's
 * {@code DD-API-KEY} and {@code DD-APPLICATION-KEY} headers; messages name the Secret and keys.
 */
final class DatadogKeys {
  static final String DEFAULT_SECRET = "datadog";
  static final String DEFAULT_ADDRESS = "https://api.datadoghq.com";

  private final String secret;
  private final URI address;
  private final String apiKey;
  private final String appKey;

  private DatadogKeys(String secret, URI address, String apiKey, String appKey) {
    this.secret = secret;
    this.address = address;
    this.apiKey = apiKey;
    this.appKey = appKey;
  }

  /** The keys of the Secret {@code ref} names, read in {@code namespace}. */
  static DatadogKeys read(Secrets secrets, String namespace, SecretRef ref)
      throws MeasurementException {
    String name = ref == null || ref.name == null || ref.name.isBlank() ? DEFAULT_SECRET
        : ref.name.trim();
    Map<String, String> values = secrets.require(namespace, name, "Datadog's keys");
    for (String key : List.of("api-key", "app-key")) {
      if (blank(values.get(key))) {
        throw new MeasurementException("Secret " + name + " has no " + key
            + ", which Datadog's query API needs");
      }
    }
    String address = blank(values.get("address")) ? DEFAULT_ADDRESS : values.get("address");
    return new DatadogKeys(name, HttpCall.uri(address, "the address in Secret " + name),
        values.get("api-key").trim(), values.get("app-key").trim());
  }

  URI address() {
    return address;
  }

  HttpRequest.Builder authorize(HttpRequest.Builder request) {
    return request.header("DD-API-KEY", apiKey).header("DD-APPLICATION-KEY", appKey);
  }

  /** How a refusal names what was sent: Datadog does not say which of the two keys it refused. */
  String credential() {
    return "the api-key and app-key of Secret " + secret;
  }

  /** The values an answer must never repeat into a message. */
  List<String> secretValues() {
    return List.of(apiKey, appKey);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
