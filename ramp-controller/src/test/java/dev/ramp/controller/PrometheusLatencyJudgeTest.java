package dev.ramp.controller;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.metrics.LocalPrometheus;
import dev.ramp.metrics.LoopbackHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The judge on latency: each revision's request-duration histogram, exposed by this test and
 * scraped every second by a real Prometheus (see {@link LocalPrometheus}), judged on the
 * requests slower than 300ms. A revision's "error rate" here is its share of slow requests: a
 * canary slow as often as the stable is accepted, one slow five times as often is sent back.
 */
class PrometheusLatencyJudgeTest extends CountingProviderJudgeTest {
  private LocalPrometheus prometheus;

  @Override
  Counts startCounts() {
    AtomicReference<String> exposition = new AtomicReference<>("");
    try {
      prometheus = LocalPrometheus.start(Files.createTempDirectory("ramp-prometheus"),
          exporter -> exporter.createContext("/metrics", exchange -> LoopbackHttp.answer(
              exchange, 200, "text/plain; version=0.0.4", exposition.get())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    prometheus.require();
    RunningTotals counts = new RunningTotals(Duration.ofMillis(250), totals -> exposition.set(
        "# TYPE app_request_duration_seconds histogram\n" + totals.entrySet().stream()
            .map(revision -> revision.getValue().latencyHistogram(revision.getKey()))
            .collect(Collectors.joining())), prometheus);
    // a service already running has its histogram in Prometheus before any release: without
    // one, the judge rightly answers that Prometheus has no such histogram
    counts.errorRate("v0", 0.01);
    try {
      prometheus.awaitScrape(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(prometheus.address() + "/api/v1/query?query=app_request_duration_seconds"
              + "_count")).build(), HttpResponse.BodyHandlers.ofString()).body()
          .contains("\"v0\""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  @Override
  Map<String, String> secret(Counts counts) {
    return Map.of();
  }

  @Override
  void counters(CompareMetric compare, String secret) {
    compare.prometheus = new CompareMetric.PrometheusCounters();
    compare.prometheus.address = prometheus.address();
    compare.prometheus.histogram = "app_request_duration_seconds{revision=\"{{revision}}\"}";
    compare.prometheus.slowerThan = "300ms";
  }

  @Override
  String name() {
    return "latency";
  }

  @Override
  String events() {
    return "canary slower than 300ms ";
  }
}
