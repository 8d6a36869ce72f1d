package dev.ramp.cli.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A connection to the API server and the namespace the command works in. */
public record Cluster(KubernetesClient client, String namespace) implements AutoCloseable {
  public Rollouts rollouts() {
    return new Rollouts(client, namespace);
  }

  @Override
  public void close() {
    client.close();
  }
}
