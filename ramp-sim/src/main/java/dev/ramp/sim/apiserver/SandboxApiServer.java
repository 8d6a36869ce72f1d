package dev.ramp.sim.apiserver;

import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Kubernetes API of the sandbox: fabric8's CRUD mock server, with a dispatcher in front of it
 * that adds what the real {@code kubectl} and Ramp's controller need (discovery, OpenAPI,
 * correct patches, {@code /scale}, schema validation of Ramp's kinds, watches over plain HTTP).
 * Plain HTTP on 127.0.0.1, no authentication.
 */
public final class SandboxApiServer implements AutoCloseable {
  /** Held so that the level sticks: the mock logs every request at INFO. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer mock;
  private final KubernetesClient client;

  private SandboxApiServer(KubernetesMockServer mock) {
    this.mock = mock;
    this.client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
        .withMasterUrl(url()).withNamespace("default").build()).build();
  }

  /**
   * Starts on 127.0.0.1 with a {@code default} namespace and these CRDs, plus minimal ones for
   * the traffic routers' kinds (Gateway API HTTPRoute, Istio VirtualService and
   * DestinationRule, SMI TrafficSplit) unless the given CRDs define them.
   *
   * @param port 0 for any free port
   */
  public static SandboxApiServer start(int port, List<CustomResourceDefinition> crds) {
    MOCK_LOG.setLevel(Level.WARNING);
    KubernetesMockServer mock = new KubernetesMockServer(new Context(Json.MAPPER),
        new WatchStreamingWebServer(), new HashMap<>(), new SandboxDispatcher(), false);
    try {
      mock.start(loopback(), port);
    } catch (RuntimeException e) {
      mock.destroy();
      throw e;
    }
    SandboxApiServer server = new SandboxApiServer(mock);
    try {
      server.seed(crds);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int port() {
    return mock.getPort();
  }

  /** {@code http://127.0.0.1:<port>} */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** A client of this server, in namespace {@code default}; closed with the server. */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Writes a kubeconfig whose cluster, context and user are all named {@code ramp-sandbox},
   * pointing at this server, namespace {@code default}. The extensions go into the context's
   * extension named {@code ramp-sandbox}, where tools find e.g. the metrics port.
   */
  public void writeKubeconfig(Path file, Map<String, String> extensions) {
    SandboxKubeconfig.write(file, url(), extensions);
  }

  @Override
  public void close() {
    client.close();
    mock.destroy();
  }

  private void seed(List<CustomResourceDefinition> crds) {
    client.namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName("default").endMetadata().build()).create();
    Map<String, CustomResourceDefinition> byName = new LinkedHashMap<>();
    for (CustomResourceDefinition crd : RouterKind.ALL.stream().map(RouterKind::minimalCrd)
        .toList()) {
      byName.put(crd.getMetadata().getName(), crd);
    }
    for (CustomResourceDefinition crd : crds) {
      byName.put(crd.getMetadata().getName(), crd);
    }
    byName.values().forEach(crd ->
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (UnknownHostException e) {
      throw new IllegalStateException("no IPv4 loopback", e);
    }
  }
}
