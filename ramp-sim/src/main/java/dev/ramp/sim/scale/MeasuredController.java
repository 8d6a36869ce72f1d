package dev.ramp.sim.scale;

import dev.ramp.controller.RampOperator;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Set;

/** Ramp's controller on a client of its own, whose requests are counted. */
final class MeasuredController implements AutoCloseable {
  private final RequestCounter counter = new RequestCounter();
  private final KubernetesClient client;
  private RampOperator operator;

  MeasuredController(String apiUrl, Clock clock) {
    client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(apiUrl).build())
        .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("count", counter))
        .build();
    operator = RampOperator.start(client, clock, Set.of());
  }

  RequestCounter requests() {
    return counter;
  }

  /**
   * Stops the controller and says how much heap it held: heap in use with it running, less heap
   * in use once it is stopped and nothing refers to it.
   */
  long stopAndMeasureHeap() {
    long running = heapUsedAfterGc();
    operator.close();
    operator = null;
    return running - heapUsedAfterGc();
  }

  /** Heap in use once the collector has run (a few times: one pass may leave garbage). */
  private static long heapUsedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    client.close();
  }
}
