package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareSignal;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.SignalMeasurement;
import dev.ramp.metrics.LocalPrometheus;
import dev.ramp.metrics.LoopbackHttp;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One judge on two signals, errors and slow requests, both scraped every second by a real
 * Prometheus (see {@link LocalPrometheus}) from this test: a request counter by status code and
 * a request-duration histogram per revision. A canary whose errors are as rare as the stable's
 * but which is slow five times as often is sent back by the slow signal, and the verdict says
 * so.
 */
class PrometheusSignalsJudgeTest extends ClusterTest {
  private static final String TEMPLATE = "signals-judge";

  private LocalPrometheus prometheus;
  private RunningTotals errors;
  private RunningTotals slow;

  @BeforeAll
  void startPrometheus() throws IOException {
    AtomicReference<String> counters = new AtomicReference<>("");
    AtomicReference<String> histograms = new AtomicReference<>("");
    prometheus = LocalPrometheus.start(Files.createTempDirectory("ramp-prometheus"),
        exporter -> exporter.createContext("/metrics", exchange -> LoopbackHttp.answer(
            exchange, 200, "text/plain; version=0.0.4", counters.get() + histograms.get())));
    prometheus.require();
    errors = new RunningTotals(Duration.ofMillis(250), totals -> counters.set(
        "# TYPE app_requests_total counter\n" + totals.entrySet().stream()
            .map(revision -> requests(revision.getKey(), revision.getValue()))
            .collect(Collectors.joining())), () -> { });
    slow = new RunningTotals(Duration.ofMillis(250), totals -> histograms.set(
        "# TYPE app_request_duration_seconds histogram\n" + totals.entrySet().stream()
            .map(revision -> revision.getValue().latencyHistogram(revision.getKey()))
            .collect(Collectors.joining())), prometheus);
    cluster.client.resources(AnalysisTemplate.class).resource(template()).create();
  }

  @AfterAll
  void stopPrometheus() {
    if (errors != null) {
      errors.close();
      slow.close();
    }
  }

  /** The revision's requests: those counted as errors answered 500, the others 200. */
  private static String requests(String revision, RunningTotals.Totals totals) {
    return "app_requests_total{revision=\"" + revision + "\",code=\"200\"} "
        + (totals.requests() - totals.errors()) + "\n"
        + "app_requests_total{revision=\"" + revision + "\",code=\"500\"} " + totals.errors()
        + "\n";
  }

  /** The judge as a user writes it: one metric, two named signals, each with its queries. */
  private AnalysisTemplate template() {
    CompareSignal errorSignal = new CompareSignal();
    errorSignal.name = "errors";
    errorSignal.prometheus = new CompareMetric.PrometheusCounters();
    errorSignal.prometheus.address = prometheus.address();
    errorSignal.prometheus.events =
        "sum(app_requests_total{revision=\"{{revision}}\",code=~\"5..\"})";
    errorSignal.prometheus.requests = "sum(app_requests_total{revision=\"{{revision}}\"})";
    CompareSignal slowSignal = new CompareSignal();
    slowSignal.name = "slow";
    slowSignal.prometheus = new CompareMetric.PrometheusCounters();
    slowSignal.prometheus.address = prometheus.address();
    slowSignal.prometheus.histogram = "app_request_duration_seconds{revision=\"{{revision}}\"}";
    slowSignal.prometheus.slowerThan = "300ms";
    CompareMetric compare = new CompareMetric();
    compare.canaryRevision = "{{args.canary}}";
    compare.stableRevision = "{{args.stable}}";
    compare.signals = List.of(errorSignal, slowSignal);
    Metric metric = new Metric();
    metric.name = "judge";
    metric.interval = new IntOrString("1s");
    metric.provider = new MetricProvider();
    metric.provider.compare = compare;
    return Templates.of(TEMPLATE, metric, new Argument("canary", null),
        new Argument("stable", null));
  }

  @Test
  void theSlowSignalSendsBackACanaryWhoseErrorsAreFine() throws IOException {
    String name = "signals-slow-5x";
    cluster.create(JudgeAnalysis.guarded(name, TEMPLATE));
    String v1 = cluster.awaitPhase(name, "Healthy").getStatus().stableRevision;
    errors.errorRate(v1, 0.01);
    slow.errorRate(v1, 0.01);
    // the stable's series are in Prometheus before the release, as a running service's are
    awaitScraped("app_requests_total", v1);
    awaitScraped("app_request_duration_seconds_count", v1);
    cluster.setImage(name, "demo:v2");
    String v2 = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    errors.errorRate(v2, 0.01);
    slow.errorRate(v2, 0.05);

    Rollout aborted = cluster.awaitPhase(name, "Aborted");

    List<Measurement> measurements = measurements(name + "-" + v2 + "-background");
    String told = measurements.stream().map(m -> m.phase + ": " + m.message).toList().toString();
    assertThat(measurements).as(told).extracting(m -> m.phase).endsWith("Failed")
        .doesNotContain("Error");
    Measurement failed = measurements.get(measurements.size() - 1);
    assertThat(failed.message).startsWith("slow: canary slower than 300ms ")
        .endsWith(": regression").doesNotContain("errors:");
    assertThat(aborted.getStatus().message).contains("metric judge failed", "slow: canary slower");
    Map<String, SignalMeasurement> signals = failed.compare.signals.stream()
        .collect(Collectors.toMap(s -> s.name, s -> s));
    assertThat(Double.parseDouble(signals.get("slow").ratio)).isGreaterThan(1);
    assertThat(Double.parseDouble(signals.get("errors").eValue)).as("errors' evidence")
        .isLessThan(200);
    assertThat(signals.get("errors").canaryRequests).isPositive();
  }

  private void awaitScraped(String metric, String revision) throws IOException {
    prometheus.awaitScrape(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(prometheus.address() + "/api/v1/query?query=" + metric)).build(),
        HttpResponse.BodyHandlers.ofString()).body().contains("\"" + revision + "\""));
  }

  private List<Measurement> measurements(String run) {
    AnalysisRun analysis = cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .withName(run).get();
    return analysis.getStatus().metricResults.get(0).measurements;
  }
}
