package dev.ramp.controller.resilience;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one controller process running for a namespace, as a Deployment would: whenever the
 * current one dies (or fails to start), it is stopped and a new one is started with a fresh
 * proxy policy. Two processes never run at once.
 */
final class RestartingController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestartingController.class);
  private static final int MAX_RESTARTS = 200;

  private final String apiUrl;
  private final Set<String> namespaces;
  private final Supplier<ApiProxy.Policy> policies;
  private final AtomicInteger restarts = new AtomicInteger();
  private final Thread supervisor;
  private volatile boolean stopping;

  RestartingController(String apiUrl, String namespace, Supplier<ApiProxy.Policy> policies) {
    this.apiUrl = apiUrl;
    this.namespaces = Set.of(namespace);
    this.policies = policies;
    this.supervisor = new Thread(this::supervise, "controller-supervisor-" + namespace);
    supervisor.setDaemon(true);
    supervisor.start();
  }

  int restarts() {
    return restarts.get();
  }

  private void supervise() {
    while (!stopping && restarts.get() < MAX_RESTARTS) {
      try (ControllerProcess process = ControllerProcess.start(apiUrl, namespaces,
          policies.get())) {
        while (!stopping && !process.died()) {
          Thread.sleep(10);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.info("controller for {} failed to start: {}", namespaces, e.toString());
      }
      if (!stopping) {
        restarts.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    try {
      supervisor.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
