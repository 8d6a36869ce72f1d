package dev.ramp.workloadsim;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's CRUD mock API server for tests: it stores what it is sent, and answers once as a test
 * tells it to ({@code server.expect()}). Its request log is kept quiet.
 */
public final class MockKubernetes implements AutoCloseable {
  /** The mock logs every request through java.util.logging (kept referenced, kept quiet). */
  private static final Logger MOCK_LOG = quiet();

  public final KubernetesMockServer server;
  public final KubernetesClient client;

  private MockKubernetes() {
    var responses = new HashMap<ServerRequest, Queue<ServerResponse>>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
  }

  /**
   * Starts a server that knows these CRDs (by name, read from the classpath as the build
   * generates them: {@code /META-INF/fabric8/<name>-v1.yml}).
   */
  public static MockKubernetes start(String... crds) {
    MockKubernetes kubernetes = new MockKubernetes();
    for (String crd : crds) {
      InputStream yaml = MockKubernetes.class.getResourceAsStream(
          "/META-INF/fabric8/" + crd + "-v1.yml");
      kubernetes.client.apiextensions().v1().customResourceDefinitions().load(yaml).create();
    }
    return kubernetes;
  }

  /** The requests the server received since the last call, oldest first. */
  public List<RecordedRequest> takeRequests() {
    List<RecordedRequest> requests = new ArrayList<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        requests.add(request);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return requests;
  }

  private static Logger quiet() {
    Logger logger = Logger.getLogger("io.fabric8.mockwebserver");
    logger.setLevel(Level.WARNING);
    return logger;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
