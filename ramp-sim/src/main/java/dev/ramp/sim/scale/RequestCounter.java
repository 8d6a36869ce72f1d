package dev.ramp.sim.scale;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the requests a client sends to the API server (each watch once, when it opens). */
final class RequestCounter implements Interceptor {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    requests.incrementAndGet();
    if (!request.method().equals("GET")) {
      writes.incrementAndGet();
    }
  }

  long requests() {
    return requests.get();
  }

  long writes() {
    return writes.get();
  }
}
