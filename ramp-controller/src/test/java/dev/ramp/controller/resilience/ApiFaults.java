package dev.ramp.controller.resilience;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A bad day for the API server, as a proxy policy: a share of requests is answered with a 409
 * conflict (writes only, as an API server does), a 500, or a 429 with Retry-After; some writes
 * are applied but their answer is lost, some connections are dropped, some answers are slow,
 * and a share of watches is cut after a while. Chosen by a seeded random, so that a failure
 * names the seed that found it.
 */
final class ApiFaults implements ApiProxy.Policy {
  private final long seed;
  private final Random random;
  private final Map<String, Integer> injected = new TreeMap<>();

  ApiFaults(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  @Override
  public synchronized ApiProxy.Fault before(ApiProxy.Call call) {
    ApiProxy.Fault fault = choose(call);
    if (!(fault instanceof ApiProxy.Fault.None)) {
      injected.merge(fault.getClass().getSimpleName()
          + (fault instanceof ApiProxy.Fault.Refuse refuse ? " " + refuse.code() : ""), 1,
          Integer::sum);
    }
    return fault;
  }

  private ApiProxy.Fault choose(ApiProxy.Call call) {
    double r = random.nextDouble();
    if (call.isWatch()) {
      return r < 0.3 ? new ApiProxy.Fault.CutWatchAfter(100 + random.nextInt(1900))
          : ApiProxy.Fault.NONE;
    }
    if (r < 0.10) {
      return call.isWrite() ? new ApiProxy.Fault.Refuse(409, 0) : ApiProxy.Fault.NONE;
    } else if (r < 0.18) {
      return new ApiProxy.Fault.Refuse(500, 0);
    } else if (r < 0.26) {
      return new ApiProxy.Fault.Refuse(429, 1);
    } else if (r < 0.32) {
      return call.isWrite() ? new ApiProxy.Fault.LoseResponse() : ApiProxy.Fault.NONE;
    } else if (r < 0.35) {
      return new ApiProxy.Fault.Drop();
    } else if (r < 0.50) {
      return new ApiProxy.Fault.Delay(20 + random.nextInt(280));
    }
    return ApiProxy.Fault.NONE;
  }

  /** How many of each fault were injected, by kind (and status code). */
  synchronized Map<String, Integer> injected() {
    return Map.copyOf(injected);
  }

  @Override
  public String toString() {
    return "API faults with seed " + seed;
  }
}
