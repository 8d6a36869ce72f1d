package dev.ramp.metrics;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where providers read the Secrets that hold their credentials. What it returns is handed to the
 * server it is meant for and nowhere else: never to a message, a status or a log.
 */
@FunctionalInterface
public interface Secrets {
  /** The Secret's values by key, decoded; empty when there is no such Secret. */
  Optional<Map<String, String>> read(String namespace, String name);

  /**
   * The values of a Secret a provider cannot measure without.
   *
   * @param what what the Secret holds, for the messages, e.g. "the InfluxDB profile"
   * @throws MeasurementException naming the Secret when it does not exist or cannot be read
   */
  default Map<String, String> require(String namespace, String name, String what)
      throws MeasurementException {
    try {
      return read(namespace, name).orElseThrow(() -> new MeasurementException(what + ", Secret "
          + name + " in namespace " + namespace + ", does not exist"));
    } catch (KubernetesClientException e) {
      throw new MeasurementException(what + ", Secret " + name + ", could not be read ("
          + e.getCode() + ")");
    }
  }

  /** The Secrets of a cluster. */
  static Secrets of(KubernetesClient client) {
    return (namespace, name) -> Optional.ofNullable(
        client.secrets().inNamespace(namespace).withName(name).get()).map(Secrets::values);
  }

  /** A Secret's values: its data decoded, and its stringData, which a bare store may keep. */
  static Map<String, String> values(Secret secret) {
    Map<String, String> values = new HashMap<>();
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) -> values.put(key,
          new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    return values;
  }
}
