package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.CompareMeasurement;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareSignal;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.api.analysis.SignalMeasurement;
import dev.ramp.api.analysis.SignalReadings;
import dev.ramp.engine.spec.MetricChecks;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A compare metric with two signals, errors and slow requests, through the measurement loop:
 * every 10 s both signals' counters are read from the same simulated traffic (100 requests/s,
 * 10% to the canary, stable failing 1% and slow for 1% of its requests).
 */
class CompareSignalsTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  private static Metric judge(Integer count) {
    Metric metric = new Metric();
    metric.name = "judge";
    metric.interval = new IntOrString("10s");
    metric.count = count == null ? null : new IntOrString(count);
    metric.provider = new MetricProvider();
    CompareMetric compare = new CompareMetric();
    compare.canaryRevision = "v2";
    compare.stableRevision = "v1";
    compare.signals = List.of(signal("errors", false), signal("slow", true));
    metric.provider.compare = compare;
    return metric;
  }

  private static CompareSignal signal(String name, boolean slowerThan) {
    CompareSignal signal = new CompareSignal();
    signal.name = name;
    signal.prometheus = new CompareMetric.PrometheusCounters();
    signal.prometheus.address = "http://prometheus:9090";
    if (slowerThan) {
      signal.prometheus.histogram = "http_request_duration_seconds{revision=\"{{revision}}\"}";
      signal.prometheus.slowerThan = "300ms";
    } else {
      signal.prometheus.events = "sum(errors{revision=\"{{revision}}\"})";
      signal.prometheus.requests = "sum(requests{revision=\"{{revision}}\"})";
    }
    return signal;
  }

  private static AnalysisRun run(Metric metric) {
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder().withName("checkout-v2-1").build());
    run.setSpec(new AnalysisRunSpec());
    run.getSpec().metrics = List.of(metric);
    return run;
  }

  /** Requests that may fail and may be slow, each with its side's rate, independently. */
  private static final class Traffic {
    private final Random random = new Random(11);
    private final double canaryErrors;
    private final double canarySlow;
    /** [side][requests, errors, slow]; side 0 the canary. */
    private final double[][] totals = new double[2][3];

    Traffic(double canaryErrors, double canarySlow) {
      this.canaryErrors = canaryErrors;
      this.canarySlow = canarySlow;
    }

    SignalReadings next() {
      for (long i = 0; i < 100 * INTERVAL.toSeconds(); i++) {
        boolean canary = random.nextDouble() < 0.1;
        double[] side = totals[canary ? 0 : 1];
        side[0]++;
        side[1] += random.nextDouble() < (canary ? canaryErrors : 0.01) ? 1 : 0;
        side[2] += random.nextDouble() < (canary ? canarySlow : 0.01) ? 1 : 0;
      }
      Map<String, CounterReading> readings = new LinkedHashMap<>();
      readings.put("errors", reading(1));
      readings.put("slow", reading(2));
      return new SignalReadings(readings);
    }

    private CounterReading reading(int events) {
      return new CounterReading(totals[0][events], totals[0][0], totals[1][events],
          totals[1][0]);
    }
  }

  /** One round of the loop, the run's status written and read back as the API server would. */
  private AnalysisRun round(AnalysisRun run, Traffic traffic) throws Exception {
    List<Taken> taken = AnalysisRunPlanner.tasks(run, now).stream()
        .map(task -> Taken.value(task.metric().name, traffic.next())).toList();
    AnalysisRunStatus status = AnalysisRunPlanner.update(run, taken, now).status();
    run.setStatus(JSON.readValue(JSON.writeValueAsString(status), AnalysisRunStatus.class));
    now = now.plus(INTERVAL);
    return run;
  }

  private AnalysisRun drive(AnalysisRun run, Traffic traffic, int rounds) throws Exception {
    for (int i = 0; i < rounds && "Running".equals(phase(run)); i++) {
      round(run, traffic);
    }
    return run;
  }

  private static String phase(AnalysisRun run) {
    return run.getStatus() == null ? "Running" : run.getStatus().phase;
  }

  private static MetricResult result(AnalysisRun run) {
    return run.getStatus().metricResults.get(0);
  }

  private static Measurement last(AnalysisRun run) {
    List<Measurement> measurements = result(run).measurements;
    return measurements.get(measurements.size() - 1);
  }

  private static SignalMeasurement numbers(Measurement measurement, String signal) {
    return measurement.compare.signals.stream().filter(s -> signal.equals(s.name)).findFirst()
        .orElseThrow();
  }

  @Test
  void theSlowSignalRollsBackACanaryWhoseErrorsAreFineAndTheVerdictNamesIt() throws Exception {
    AnalysisRun run = drive(run(judge(null)), new Traffic(0.01, 0.05), 60);

    assertThat(phase(run)).isEqualTo("Failed");
    Measurement failed = last(run);
    assertThat(failed.message).startsWith("slow: canary slower than 300ms ")
        .contains("as often as stable (99.5% CS ").contains(" ≥ 200): regression")
        .doesNotContain("errors:");
    assertThat(run.getStatus().message).startsWith("metric judge failed").contains("slow: ");
    assertThat(failed.value).isEqualTo(numbers(failed, "slow").ratio);
    assertThat(failed.compare.signals).extracting(s -> s.name).containsExactly("errors", "slow");
    assertThat(Double.parseDouble(numbers(failed, "slow").eValue)).isGreaterThanOrEqualTo(200);
    assertThat(Double.parseDouble(numbers(failed, "errors").eValue)).isLessThan(200);
    assertThat(numbers(failed, "slow").canaryRequests)
        .isEqualTo(numbers(failed, "errors").canaryRequests).isPositive();
    assertThat(failed.compare.canaryRequests).as("top-level numbers are one source's").isNull();
  }

  @Test
  void whileUndecidedItSaysWhatEachSignalNeedsAndTheMetricTheLargest() throws Exception {
    AnalysisRun run = run(judge(null));
    Traffic traffic = new Traffic(0.01, 0.01);
    for (int i = 0; i < 6; i++) {
      round(run, traffic);
    }

    Measurement undecided = last(run);
    assertThat(undecided.phase).isEqualTo("Inconclusive");
    assertThat(undecided.message).startsWith("errors: undecided: canary event rate ")
        .contains("; slow: undecided: canary slower than 300ms ")
        .contains("more canary requests needed");
    long errors = numbers(undecided, "errors").moreRequestsNeeded;
    long slow = numbers(undecided, "slow").moreRequestsNeeded;
    assertThat(undecided.compare.moreRequestsNeeded).isEqualTo(Math.max(errors, slow));
  }

  @Test
  void aCanaryIsAcceptedOnceEverySignalIsEachWithinItsOwnMaxRatio() throws Exception {
    Metric metric = judge(1_000);
    metric.provider.compare.maxRatio = 3.0;
    metric.provider.compare.signals.get(1).maxRatio = 4.0;
    AnalysisRun run = drive(run(metric), new Traffic(0.01, 0.01), 1_000);

    assertThat(phase(run)).isEqualTo("Successful");
    Measurement accepted = last(run);
    assertThat(accepted.message).startsWith("errors: canary event rate at most ")
        .contains(": acceptable; slow: canary slower than 300ms at most ")
        .endsWith(": acceptable");
    assertThat(Double.parseDouble(numbers(accepted, "errors").ratioUpper)).isLessThanOrEqualTo(3.0);
    assertThat(Double.parseDouble(numbers(accepted, "slow").ratioUpper)).isLessThanOrEqualTo(4.0);
    assertThat(accepted.compare.moreRequestsNeeded).isNull();
  }

  @Test
  void eachSignalsTestContinuesAcrossMeasurementsFromTheStatus() throws Exception {
    AnalysisRun run = run(judge(null));
    Traffic traffic = new Traffic(0.01, 0.01);
    round(run, traffic);
    assertThat(last(run).message).isEqualTo(
        "errors: first reading: counting from here; undecided: no events on either side yet;"
            + " slow: first reading: counting from here; undecided: no events on either side"
            + " yet");
    round(run, traffic);
    round(run, traffic);

    assertThat(result(run).compare.signals).extracting(s -> s.name)
        .containsExactly("errors", "slow");
    assertThat(result(run).compare.signals).allSatisfy(state -> {
      assertThat(state.judgedCanaryRequests + state.judgedStableRequests).isEqualTo(2_000);
      assertThat(state.logLikelihoodRatios).hasSize(145);
    });
    assertThat(last(run).message).doesNotContain("first reading").doesNotContain("not valid");
    assertThat(numbers(last(run), "slow").canaryRequests)
        .isEqualTo(result(run).compare.signals.get(1).judgedCanaryRequests);
  }

  @Test
  void aSignalWhoseStateIsMissingStartsAgainAloneSayingSo() throws Exception {
    AnalysisRun run = run(judge(null));
    Traffic traffic = new Traffic(0.01, 0.01);
    round(run, traffic);
    round(run, traffic);
    result(run).compare.signals.get(1).logLikelihoodRatios = null;

    round(run, traffic);

    assertThat(last(run).message).contains("errors: undecided")
        .contains("slow: the judge's saved state is not valid (some of its numbers are missing):"
            + " starting the test again from here");
    assertThat(result(run).compare.signals.get(0).judgedCanaryRequests
        + result(run).compare.signals.get(0).judgedStableRequests).isEqualTo(2_000);
    assertThat(result(run).compare.signals.get(1).judgedCanaryRequests).isZero();
  }

  /**
   * A status written before signals existed: the one signal's state in the top-level fields.
   * The judge continues it.
   */
  @Test
  void anOldSingleSignalStatusStillRestores() throws Exception {
    List<Double> evidence = new ArrayList<>(java.util.Collections.nCopies(145, 0.0));
    evidence.set(80, -1.5);
    String old = "{\"metricResults\":[{\"name\":\"errors\",\"phase\":\"Running\","
        + "\"measurements\":[{\"phase\":\"Inconclusive\",\"startedAt\":\"2026-01-01T00:00:00Z\","
        + "\"finishedAt\":\"2026-01-01T00:00:00Z\"}],\"count\":1,\"inconclusive\":1,"
        + "\"compare\":{\"canaryEvents\":10.0,\"canaryRequests\":1000.0,\"stableEvents\":90.0,"
        + "\"stableRequests\":9000.0,\"judgedCanaryRequests\":1000,\"judgedCanaryEvents\":10,"
        + "\"judgedStableRequests\":9000,\"judgedStableEvents\":90,\"lastCanaryShare\":0.1,"
        + "\"canaryWeight\":10,\"logLikelihoodRatios\":" + evidence + "}}],"
        + "\"phase\":\"Running\",\"startedAt\":\"2026-01-01T00:00:00Z\"}";
    Metric metric = judge(null);
    metric.name = "errors";
    metric.provider.compare.signals = null;
    metric.provider.compare.prometheus = signal("errors", false).prometheus;
    AnalysisRun run = run(metric);
    run.setStatus(JSON.readValue(old, AnalysisRunStatus.class));
    now = now.plus(INTERVAL);

    AnalysisRunStatus status = AnalysisRunPlanner.update(run,
        List.of(Taken.value("errors", new CounterReading(20, 2_000, 180, 18_000))), now).status();

    MetricResult result = status.metricResults.get(0);
    CompareMeasurement numbers = result.measurements.get(1).compare;
    assertThat(result.measurements.get(1).message).startsWith("undecided: canary event rate");
    assertThat(numbers.canaryRequests).isEqualTo(2_000);
    assertThat(numbers.stableRequests).isEqualTo(18_000);
    assertThat(numbers.canaryWeight).isEqualTo(10);
    assertThat(result.compare.judgedStableEvents).isEqualTo(180);
    assertThat(result.compare.signals).isNull();
  }

  @Test
  void aReadingWithoutOneOfTheSignalsIsAnError() throws Exception {
    AnalysisRun run = run(judge(null));
    SignalReadings onlyErrors = new SignalReadings(
        Map.of("errors", new CounterReading(1, 100, 9, 900)));

    run.setStatus(AnalysisRunPlanner.update(run, List.of(Taken.value("judge", onlyErrors)), now)
        .status());

    assertThat(last(run).phase).isEqualTo("Error");
    assertThat(last(run).message).isEqualTo("the compare provider read no reading of signal slow");
  }

  @Test
  void lintRefusesSignalsThatCannotBeJudged() {
    Metric metric = judge(null);
    CompareMetric compare = metric.provider.compare;
    compare.web = new CompareMetric.WebCounters();
    CompareSignal nameless = signal(" ", false);
    CompareSignal twice = signal("errors", true);
    twice.maxRatio = 0.5;
    CompareSignal nowhere = new CompareSignal();
    nowhere.name = "nowhere";
    compare.signals = List.of(signal("errors", false), nameless, twice, nowhere);

    assertThat(MetricChecks.check(metric, null)).containsExactly(
        "metric judge: compare reads its counters either from one source or from signals, not"
            + " both: move the source into a signal",
        "metric judge: compare.signals[1] needs a name: the verdicts name the signal that"
            + " decided",
        "metric judge: compare.signals[2]: two signals are named errors; each signal needs a"
            + " name of its own",
        "metric judge: compare.signals[2].maxRatio must be above 1 and below 64 (is 0.5)",
        "metric judge: compare.signals[3] must read its counters from exactly one of"
            + " prometheus, web, influxdb, graphite, datadog, newRelic, cloudWatch");

    compare.web = null;
    compare.signals = List.of();
    assertThat(MetricChecks.check(metric, null)).containsExactly(
        "metric judge: compare.signals is empty: list at least one signal, or give compare one"
            + " source instead");
    assertThat(MetricChecks.check(judge(null), null)).isEmpty();
  }
}
