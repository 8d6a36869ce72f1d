package dev.ramp.controller;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The service's side of a judge test for a metric store that keeps what is written to it
 * (InfluxDB, Graphite): every tick, each revision serves 1000 more requests, failing at the
 * rate the test set, and its running totals are written to the store.
 */
final class RunningTotals implements CountingProviderJudgeTest.Counts {
  /** A revision's totals so far. */
  record Totals(long requests, long errors) {
    /**
     * The revision's latency histogram in Prometheus' text format, the errors taken as slow
     * requests: the fast ones took at most 0.1s, the slow ones between 0.3s and 1.5s.
     */
    String latencyHistogram(String revision) {
      long fast = requests - errors;
      return bucket(revision, "0.1", fast) + bucket(revision, "0.3", fast)
          + bucket(revision, "1.5", requests) + bucket(revision, "+Inf", requests)
          + "app_request_duration_seconds_count{revision=\"" + revision + "\"} " + requests
          + "\n";
    }

    private static String bucket(String revision, String le, long count) {
      return "app_request_duration_seconds_bucket{revision=\"" + revision + "\",le=\"" + le
          + "\"} " + count + "\n";
    }
  }

  /** Writes every revision's totals to the store, in one go. */
  @FunctionalInterface
  interface Store {
    void write(Map<String, Totals> totals);
  }

  private static final long PER_TICK = 1000;

  private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
  private final Map<String, Totals> totals = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
  private final AutoCloseable server;

  /** Writes to {@code store} every {@code tick}; closes {@code server} when closed. */
  RunningTotals(Duration tick, Store store, AutoCloseable server) {
    this.server = server;
    ticks.scheduleAtFixedRate(() -> {
      errorRates.forEach((revision, rate) -> totals.merge(revision,
          new Totals(PER_TICK, Math.round(PER_TICK * rate)),
          (sum, more) -> new Totals(sum.requests() + more.requests(),
              sum.errors() + more.errors())));
      if (!totals.isEmpty()) {
        store.write(Map.copyOf(totals));
      }
    }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void errorRate(String revision, double rate) {
    errorRates.put(revision, rate);
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    try {
      ticks.awaitTermination(10, TimeUnit.SECONDS);
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("the metric store did not stop", e);
    }
  }
}
