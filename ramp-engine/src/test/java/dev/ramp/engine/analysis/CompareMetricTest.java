package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.engine.spec.MetricChecks;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compare metric through the measurement loop: counters read every 10 s from simulated
 * traffic (100 requests/s, 10% to the canary, 1% stable errors), judged by Ramp's judge.
 */
class CompareMetricTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  private static Metric compare(Integer count) {
    Metric metric = new Metric();
    metric.name = "errors";
    metric.interval = new IntOrString("10s");
    metric.count = count == null ? null : new IntOrString(count);
    metric.provider = new MetricProvider();
    metric.provider.compare = new CompareMetric();
    metric.provider.compare.canaryRevision = "v2";
    metric.provider.compare.stableRevision = "v1";
    return metric;
  }

  private static AnalysisRun run(Metric metric) {
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder().withName("checkout-v2-1").build());
    run.setSpec(new AnalysisRunSpec());
    run.getSpec().metrics = List.of(metric);
    return run;
  }

  /** Counters of a service whose canary fails {@code canaryRate} of requests. */
  private static final class Traffic {
    private final Random random = new Random(7);
    private final double canaryRate;
    private double canaryEvents;
    private double canaryRequests;
    private double stableEvents;
    private double stableRequests;

    Traffic(double canaryRate) {
      this.canaryRate = canaryRate;
    }

    CounterReading next(Duration elapsed) {
      for (long i = 0; i < 100 * elapsed.toSeconds(); i++) {
        if (random.nextDouble() < 0.1) {
          canaryRequests++;
          canaryEvents += random.nextDouble() < canaryRate ? 1 : 0;
        } else {
          stableRequests++;
          stableEvents += random.nextDouble() < 0.01 ? 1 : 0;
        }
      }
      return new CounterReading(canaryEvents, canaryRequests, stableEvents, stableRequests);
    }
  }

  /** One round of the loop: measures what is due, with the traffic since the last round. */
  private AnalysisRun round(AnalysisRun run, Traffic traffic) {
    List<Taken> taken = AnalysisRunPlanner.tasks(run, now).stream()
        .map(task -> Taken.value(task.metric().name, traffic.next(INTERVAL))).toList();
    run.setStatus(AnalysisRunPlanner.update(run, taken, now).status());
    now = now.plus(INTERVAL);
    return run;
  }

  private AnalysisRun drive(AnalysisRun run, Traffic traffic, int rounds) {
    for (int i = 0; i < rounds && !"Failed".equals(phase(run))
        && !"Successful".equals(phase(run)) && !"Inconclusive".equals(phase(run)); i++) {
      round(run, traffic);
    }
    return run;
  }

  private static String phase(AnalysisRun run) {
    return run.getStatus() == null ? null : run.getStatus().phase;
  }

  private static MetricResult result(AnalysisRun run) {
    return run.getStatus().metricResults.get(0);
  }

  private static Measurement last(AnalysisRun run) {
    List<Measurement> measurements = result(run).measurements;
    return measurements.get(measurements.size() - 1);
  }

  @Test
  void theFirstReadingIsTheStartingPointNotEvidence() {
    AnalysisRun run = round(run(compare(30)), new Traffic(0.01));

    assertThat(last(run).phase).isEqualTo("Inconclusive");
    assertThat(last(run).message).startsWith("first reading: counting from here");
    assertThat(last(run).compare.canaryRequests).isZero();
    assertThat(result(run).compare.canaryRequests).isPositive();
    assertThat(result(run).compare.logLikelihoodRatios).hasSize(145).containsOnly(0.0);
    assertThat(phase(run)).isEqualTo("Running");
  }

  @Test
  void aCanaryFailingHalfItsRequestsFailsWithinAFewMeasurements() {
    AnalysisRun run = drive(run(compare(30)), new Traffic(0.5), 30);

    assertThat(phase(run)).isEqualTo("Failed");
    assertThat(result(run).count).as("measurements, the first being the starting point")
        .isLessThanOrEqualTo(3);
    assertThat(last(run).compare.canaryRequests).as("canary requests judged").isLessThan(200);
    assertThat(Double.parseDouble(last(run).compare.eValue)).isGreaterThanOrEqualTo(100);
    assertThat(Double.parseDouble(last(run).compare.ratioLower)).isGreaterThan(1);
    assertThat(run.getStatus().message).startsWith("metric errors failed: value ")
        .contains("regression");
  }

  @Test
  void onALatencyHistogramTheVerdictsSpeakOfSlowRequests() {
    Metric slow = latency(compare(30));
    AnalysisRun failed = drive(run(slow), new Traffic(0.5), 30);
    Metric healthy = latency(compare(200));
    healthy.provider.compare.maxRatio = 3.0;
    AnalysisRun accepted = drive(run(healthy), new Traffic(0.01), 200);

    assertThat(phase(failed)).isEqualTo("Failed");
    assertThat(last(failed).message).matches("canary slower than 300ms [0-9.]+x as often as"
        + " stable \\(99% CS .*\\): regression");
    assertThat(phase(accepted)).isEqualTo("Successful");
    assertThat(last(accepted).message)
        .startsWith("canary slower than 300ms at most ").contains("x as often as stable (");
  }

  /** The metric's events counted from a latency histogram, as requests slower than 300ms. */
  private static Metric latency(Metric metric) {
    metric.provider.compare.prometheus = new CompareMetric.PrometheusCounters();
    metric.provider.compare.prometheus.histogram =
        "http_request_duration_seconds{revision=\"{{revision}}\"}";
    metric.provider.compare.prometheus.slowerThan = "300ms";
    return metric;
  }

  @Test
  void theBetaBinomialTestCatchesItToo() {
    Metric metric = compare(30);
    metric.provider.compare.test = "betaBinomial";

    AnalysisRun run = drive(run(metric), new Traffic(0.5), 30);

    assertThat(phase(run)).isEqualTo("Failed");
    assertThat(Double.parseDouble(last(run).compare.eValue)).isGreaterThanOrEqualTo(100);
  }

  @Test
  void aHealthyCanaryIsAcceptedOnceTheEvidenceBoundsItsRatio() {
    Metric metric = compare(200);
    metric.provider.compare.maxRatio = 3.0;
    AnalysisRun run = drive(run(metric), new Traffic(0.01), 200);

    assertThat(phase(run)).isEqualTo("Successful");
    assertThat(last(run).message).contains("acceptable");
    assertThat(Double.parseDouble(last(run).compare.ratioUpper)).isLessThanOrEqualTo(3.0);
    assertThat(last(run).compare.canaryRequests).isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void inTheBackgroundWithoutACountAnAcceptanceDoesNotEndTheGuard() {
    Metric metric = compare(null);
    metric.provider.compare.maxRatio = 3.0;
    AnalysisRun run = run(metric);
    Traffic traffic = new Traffic(0.01);
    for (int i = 0; i < 200; i++) {
      round(run, traffic);
    }

    assertThat(result(run).successful).as("accepting measurements").isPositive();
    assertThat(phase(run)).isEqualTo("Running");
  }

  @Test
  void whenTheCountRunsOutUndecidedItSaysHowMuchMoreTrafficIsNeeded() {
    AnalysisRun run = drive(run(compare(4)), new Traffic(0.012), 4);

    assertThat(phase(run)).isEqualTo("Inconclusive");
    assertThat(result(run).message).containsPattern("roughly [0-9,]+ more canary requests needed");
    assertThat(last(run).compare.moreRequestsNeeded).isPositive();
  }

  @Test
  void aRestartedControllerContinuesTheSameTest() throws Exception {
    AnalysisRun uninterrupted = run(compare(30));
    AnalysisRun restarted = run(compare(30));
    Traffic first = new Traffic(0.03);
    Traffic second = new Traffic(0.03);
    Instant start = now;
    for (int i = 0; i < 5; i++) {
      round(uninterrupted, first);
    }
    now = start;
    for (int i = 0; i < 5; i++) {
      round(restarted, second);
      // what a new controller reads back from the API server
      restarted.setStatus(JSON.readValue(JSON.writeValueAsString(restarted.getStatus()),
          AnalysisRunStatus.class));
    }

    assertThat(JSON.writeValueAsString(restarted.getStatus()))
        .isEqualTo(JSON.writeValueAsString(uninterrupted.getStatus()));
    assertThat(result(restarted).compare.judgedCanaryRequests).isPositive();
  }

  @Test
  void countersThatGoDownStartTheCountAgainInsteadOfFailing() {
    AnalysisRun run = run(compare(30));
    run.setStatus(AnalysisRunPlanner.update(run,
        List.of(Taken.value("errors", new CounterReading(50, 5000, 40, 45000))), now).status());
    now = now.plus(INTERVAL);

    run.setStatus(AnalysisRunPlanner.update(run,
        List.of(Taken.value("errors", new CounterReading(1, 100, 2, 900))), now).status());

    assertThat(last(run).phase).isEqualTo("Inconclusive");
    assertThat(last(run).message).startsWith("the counters went down");
    assertThat(result(run).compare.canaryRequests).isEqualTo(100.0);
  }

  @Test
  void theSpecChecksSayWhatIsWrong() {
    Metric metric = compare(10);
    metric.interval = null;
    metric.successCondition = "result < 1";
    metric.provider.compare.alpha = 1.5;
    metric.provider.compare.maxRatio = 0.9;
    metric.provider.compare.test = "sprt";

    assertThat(MetricChecks.check(metric, null)).containsExactly(
        "metric errors: compare needs an interval: it judges what the counters did between two"
            + " measurements",
        "metric errors: compare decides by itself: remove successCondition and failureCondition",
        "metric errors: compare.alpha must be between 0 and 1 (is 1.5)",
        "metric errors: compare.maxRatio must be above 1 and below 64 (is 0.9)",
        "metric errors: compare.test must be ratioMixture or betaBinomial (is sprt)");
    assertThat(MetricChecks.check(compare(10), null)).isEmpty();
    assertThat(MetricChecks.check(latency(compare(10)), null)).isEmpty();
    Metric histogramWithQueries = latency(compare(10));
    histogramWithQueries.provider.compare.prometheus.events = "sum(errors)";
    assertThat(MetricChecks.check(histogramWithQueries, null)).containsExactly(
        "metric errors: compare.prometheus counts either events and requests (two queries) or"
            + " the requests of a histogram slowerThan a bucket boundary, e.g. histogram:"
            + " http_request_duration_seconds{revision=\"{{revision}}\"} with slowerThan: 300ms");
  }
}
