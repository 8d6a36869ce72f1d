package dev.ramp.controller.client;

import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.observability.KubeRequestMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;

/** The controller's Kubernetes client: rate limited as configured, and every request counted. */
public final class ControllerClient {
  private ControllerClient() {}

  public static KubernetesClient create(Config kube, ControllerConfig config,
      MeterRegistry registry) {
    return new KubernetesClientBuilder().withConfig(kube)
        .withHttpClientBuilderConsumer(http -> http
            .addOrReplaceInterceptor("ramp-rate-limit",
                new RequestRateLimiter(config.kubeQps(), config.kubeBurst(), System::nanoTime))
            .addOrReplaceInterceptor("ramp-request-metrics", new KubeRequestMetrics(registry)))
        .build();
  }
}
