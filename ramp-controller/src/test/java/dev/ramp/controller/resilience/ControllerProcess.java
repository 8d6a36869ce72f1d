package dev.ramp.controller.resilience;

import dev.ramp.controller.RampOperator;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.Set;

/**
 * Ramp's controller as one process runs it, with a client of its own that reaches the API server
 * through an {@link ApiProxy}. When the proxy closes, the process is as good as dead: nothing it
 * sends arrives any more.
 */
final class ControllerProcess implements AutoCloseable {
  private final ApiProxy proxy;
  private final KubernetesClient client;
  private final RampOperator operator;

  private ControllerProcess(ApiProxy proxy, KubernetesClient client, RampOperator operator) {
    this.proxy = proxy;
    this.client = client;
    this.operator = operator;
  }

  /**
   * Starts reconciling the rollouts of the namespaces, through a proxy with the policy.
   *
   * @throws RuntimeException when the controller fails to start, as a process would exit
   */
  static ControllerProcess start(String apiUrl, Set<String> namespaces, ApiProxy.Policy policy) {
    ApiProxy proxy = new ApiProxy(apiUrl, policy);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(
        new ConfigBuilder(Config.empty()).withMasterUrl(proxy.url()).build()).build();
    try {
      return new ControllerProcess(proxy, client,
          RampOperator.start(client, Clock.systemUTC(), namespaces));
    } catch (RuntimeException e) {
      proxy.close();
      client.close();
      throw e;
    }
  }

  /** True once the proxy was closed by its policy: the process should be replaced. */
  boolean died() {
    return proxy.isClosed();
  }

  @Override
  public void close() {
    proxy.close();
    client.close();
    operator.close();
  }
}
