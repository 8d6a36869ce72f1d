package dev.ramp.controller.client;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Client-side rate limiting of API requests, as client-go's QPS and burst: a token bucket of
 * {@code burst} tokens refilled at {@code qps} per second. fabric8 has none of its own. A request
 * that finds the bucket empty waits on its own thread for its turn.
 */
final class RequestRateLimiter implements Interceptor {
  private final double tokensPerNano;
  private final int burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long refilledAt;

  RequestRateLimiter(double qps, int burst, LongSupplier nanoTime) {
    this.tokensPerNano = qps / TimeUnit.SECONDS.toNanos(1);
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.refilledAt = nanoTime.getAsLong();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    long wait = reserve();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /**
   * Takes a token, going into debt when there is none: the debt is what this request waits, so
   * requests that arrive together leave one after the other at the set rate.
   *
   * @return how many nanoseconds to wait before sending
   */
  synchronized long reserve() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
    refilledAt = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
  }
}
