package dev.ramp.sim;

import dev.ramp.controller.RampOperator;
import dev.ramp.sim.apiserver.SandboxApiServer;
import dev.ramp.sim.traffic.TrafficApi;
import dev.ramp.sim.traffic.TrafficSimulator;
import dev.ramp.workloadsim.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ramp on one machine with no cluster: an API endpoint that kubectl talks to, Ramp's controller
 * exactly as it runs in a cluster, simulated pods and Jobs, and simulated users whose requests
 * are counted per revision on a Prometheus endpoint. Everything listens on 127.0.0.1 only.
 */
public final class Sandbox implements AutoCloseable {
  /** Ramp's CRDs, as the build generates them into the api module's jar. */
  private static final List<String> CRDS = List.of("rollouts.ramp.dev",
      "analysistemplates.ramp.dev", "clusteranalysistemplates.ramp.dev",
      "analysisruns.ramp.dev", "experiments.ramp.dev");
  public static final String CONFIG_MAP = "ramp-sandbox";

  /**
   * @param port the API port (0 for any free one)
   * @param kubeconfig where to write the kubeconfig once everything is ready (null: nowhere)
   * @param readyDelay how long a new pod takes to become ready
   * @param rps requests per second sent to each Rollout
   * @param seed makes simulated failures repeatable
   */
  public record Options(int port, Path kubeconfig, Duration readyDelay, int rps, long seed) {}

  private final SandboxApiServer api;
  private final WorkloadSimulator workloads;
  private final TrafficSimulator traffic;
  private final HTTPServer metrics;
  private final RampOperator operator;

  private Sandbox(SandboxApiServer api, WorkloadSimulator workloads, TrafficSimulator traffic,
      HTTPServer metrics, RampOperator operator) {
    this.api = api;
    this.workloads = workloads;
    this.traffic = traffic;
    this.metrics = metrics;
    this.operator = operator;
  }

  public static Sandbox start(Options options) {
    Clock clock = Clock.systemUTC();
    SandboxApiServer api = SandboxApiServer.start(options.port(), crds());
    KubernetesClient client = api.client();
    WorkloadSimulator workloads = new WorkloadSimulator(client, clock, options.readyDelay(),
        WorkloadSimulator::startsUnlessAnnotated).start();
    PrometheusRegistry registry = new PrometheusRegistry();
    TrafficSimulator traffic =
        new TrafficSimulator(client, registry, options.rps(), options.seed(), clock).start();
    HTTPServer metrics;
    try {
      metrics = HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry)
          .defaultHandler(new TrafficApi(traffic)).buildAndStart();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the metrics endpoint", e);
    }
    RampOperator operator = RampOperator.start(client, clock, Set.of());
    Sandbox sandbox = new Sandbox(api, workloads, traffic, metrics, operator);
    sandbox.publish(options.kubeconfig());
    return sandbox;
  }

  /** Tells tools where things are: a ConfigMap, and (last, as the ready signal) the kubeconfig. */
  private void publish(Path kubeconfig) {
    client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(CONFIG_MAP).withNamespace("default").endMetadata()
        .addToData("apiUrl", api.url())
        .addToData("metricsUrl", metricsUrl())
        .build()).createOr(existing -> existing.update());
    if (kubeconfig != null) {
      api.writeKubeconfig(kubeconfig, Map.of("metricsUrl", metricsUrl()));
    }
  }

  /** Ramp's CRDs, as the build generates them. */
  public static List<CustomResourceDefinition> crds() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String name : CRDS) {
      try (InputStream in = Sandbox.class.getResourceAsStream(
          "/META-INF/fabric8/" + name + "-v1.yml")) {
        crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the CRD " + name, e);
      }
    }
    return crds;
  }

  public KubernetesClient client() {
    return api.client();
  }

  public String apiUrl() {
    return api.url();
  }

  public String metricsUrl() {
    return statsUrl() + "/metrics";
  }

  /** Where the metrics and the traffic JSON ({@link TrafficApi}) are served. */
  public String statsUrl() {
    return "http://127.0.0.1:" + metrics.getPort();
  }

  public TrafficSimulator traffic() {
    return traffic;
  }

  @Override
  public void close() {
    operator.close();
    traffic.close();
    workloads.close();
    metrics.close();
    api.close();
  }
}
