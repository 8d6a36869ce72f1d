package dev.ramp.controller.observability;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts the client's requests to the API server as {@code ramp_kube_requests_total{verb,
 * code}}, with Kubernetes' verbs (get, list, watch, create, update, patch, delete) and the HTTP
 * status, or "error" when no answer came.
 */
public final class KubeRequestMetrics implements Interceptor {
  private static final String NAME = "ramp.kube.requests";
  private final MeterRegistry registry;

  public KubeRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    count(request, String.valueOf(response.code()));
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    count(request, "error");
  }

  private void count(HttpRequest request, String code) {
    Counter.builder(NAME).description("Requests to the Kubernetes API")
        .tag("verb", verb(request)).tag("code", code)
        .register(registry).increment();
  }

  static String verb(HttpRequest request) {
    String method = request.method().toLowerCase(Locale.ROOT);
    String query = request.uri().getRawQuery();
    return switch (method) {
      case "get" -> query != null && query.contains("watch=true") ? "watch"
          : isCollection(request.uri().getRawPath()) ? "list" : "get";
      case "post" -> "create";
      case "put" -> "update";
      default -> method;
    };
  }

  /**
   * True for a path naming a kind rather than one object: {@code /api/v1/pods},
   * {@code /apis/apps/v1/namespaces/ns/replicasets}.
   */
  private static boolean isCollection(String path) {
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int prefix = segments.isEmpty() || segments.get(0).equals("api") ? 2 : 3;
    List<String> rest = segments.subList(Math.min(prefix, segments.size()), segments.size());
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      rest = rest.subList(2, rest.size());
    }
    return rest.size() == 1;
  }
}
