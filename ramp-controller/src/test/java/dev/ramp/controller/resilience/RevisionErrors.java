package dev.ramp.controller.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ramp.api.RampLabels;
import dev.ramp.metrics.LoopbackHttp;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Map;

/**
 * The error rate of each revision, as a monitoring system would report it for analysis:
 * {@code GET /errors/<namespace>/<revision>} answers {@code {"errorRate": x}}, 20% for a
 * revision whose image is tagged {@code -bad} and 1% otherwise; 404 for a revision that has no
 * ReplicaSet.
 */
final class RevisionErrors implements AutoCloseable {
  private final HttpServer server;
  private final KubernetesClient client;

  RevisionErrors(KubernetesClient client) {
    this.client = client;
    server = LoopbackHttp.serving(Map.of("/errors/", this::answer));
  }

  String url() {
    return LoopbackHttp.url(server);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().split("/");
    String image = parts.length != 4 ? null : client.apps().replicaSets().inNamespace(parts[2])
        .withLabel(RampLabels.POD_TEMPLATE_HASH, parts[3]).list().getItems().stream()
        .map(RevisionErrors::image).findFirst().orElse(null);
    LoopbackHttp.answer(exchange, image == null ? 404 : 200, "application/json",
        image == null ? "{\"error\": \"no such revision\"}"
            : "{\"errorRate\": " + (image.endsWith("-bad") ? 0.2 : 0.01) + "}");
  }

  private static String image(ReplicaSet rs) {
    return rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
