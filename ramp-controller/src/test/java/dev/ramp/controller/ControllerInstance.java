package dev.ramp.controller;

import dev.ramp.controller.client.ControllerClient;
import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.observability.ControllerEndpoints;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * One controller process as {@code ramp controller} runs it (its own client, metrics registry,
 * endpoints and operator), against a test cluster whose own controller is stopped.
 */
final class ControllerInstance implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  final PrometheusMeterRegistry registry = ControllerEndpoints.newRegistry();
  final RampOperator operator;
  private final KubernetesClient client;
  private final ControllerEndpoints endpoints;

  private ControllerInstance(Cluster cluster, ControllerConfig config) {
    client = ControllerClient.create(cluster.client.getConfiguration(), config, registry);
    operator = RampOperator.create(client, Clock.systemUTC(), config, registry);
    endpoints = ControllerEndpoints.start(0, registry, operator::alive, operator::ready);
    operator.start();
  }

  static ControllerInstance start(Cluster cluster, ControllerConfig config) {
    return new ControllerInstance(cluster, config);
  }

  /** How many times this instance reconciled objects of the controller ("rollouts", ...). */
  long reconciles(String controller) {
    Timer timer = registry.find("ramp.reconcile").tag("controller", controller).timer();
    return timer == null ? 0 : timer.count();
  }

  /** GETs one of the endpoints: the status code and the body. */
  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + endpoints.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    endpoints.close();
    operator.close();
    client.close();
  }
}
