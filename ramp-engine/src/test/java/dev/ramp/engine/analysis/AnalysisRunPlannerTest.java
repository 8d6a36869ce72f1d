package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.api.analysis.WebMetric;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The measurement loop, on a clock the test moves and values the test hands in. */
class AnalysisRunPlannerTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final List<Instant> measuredAt = new ArrayList<>();

  private static Metric metric(String name) {
    Metric metric = new Metric();
    metric.name = name;
    metric.provider = new MetricProvider();
    metric.provider.web = new WebMetric();
    metric.provider.web.url = "http://127.0.0.1/stats";
    metric.successCondition = "result < 0.05";
    metric.failureCondition = "result >= 0.1";
    return metric;
  }

  private static AnalysisRun run(Metric... metrics) {
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder().withName("checkout-abc-1").build());
    run.setSpec(new AnalysisRunSpec());
    run.getSpec().metrics = List.of(metrics);
    return run;
  }

  /** Runs the loop until the run completes (or 100 rounds), one provider answer per measurement. */
  private AnalysisRun drive(AnalysisRun run, Function<Integer, Taken> provider) {
    int measurements = 0;
    for (int round = 0; round < 100; round++) {
      List<Taken> taken = new ArrayList<>();
      for (AnalysisRunPlanner.Task task : AnalysisRunPlanner.tasks(run, now)) {
        if (task.work() != AnalysisRunPlanner.Work.TERMINATE) {
          measuredAt.add(now);
          Taken answer = provider.apply(measurements++);
          taken.add(new Taken(task.metric().name, answer.running(), answer.value(),
              answer.verdict(), answer.error(), answer.message(), answer.metadata()));
        }
      }
      AnalysisRunPlanner.Update update = AnalysisRunPlanner.update(run, taken, now);
      run.setStatus(update.status());
      if (update.nextAt() == null) {
        return run;
      }
      now = update.nextAt().isAfter(now) ? update.nextAt() : now.plusMillis(1);
    }
    return run;
  }

  private static MetricResult result(AnalysisRun run) {
    return run.getStatus().metricResults.get(0);
  }

  @Test
  void withoutAnIntervalOneMeasurementDecides() {
    AnalysisRun run = drive(run(metric("errors")), i -> Taken.value("errors", 0.01));

    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(result(run).count).isEqualTo(1);
    assertThat(result(run).measurements).singleElement()
        .satisfies(m -> assertThat(m.value).isEqualTo("0.01"));
  }

  @Test
  void intervalCountAndInitialDelayPaceTheMeasurements() {
    Metric metric = metric("errors");
    metric.interval = new IntOrString("30s");
    metric.count = new IntOrString(3);
    metric.initialDelay = new IntOrString("10s");
    Instant start = now;

    AnalysisRun run = drive(run(metric), i -> Taken.value("errors", 0.0));

    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(measuredAt).containsExactly(start.plusSeconds(10), start.plusSeconds(40),
        start.plusSeconds(70));
  }

  @Test
  void failuresBeyondTheLimitFailTheRunWithTheValueInTheMessage() {
    Metric metric = metric("errors");
    metric.interval = new IntOrString("10s");
    metric.count = new IntOrString(5);
    metric.failureLimit = new IntOrString(1);

    AnalysisRun run = drive(run(metric), i -> Taken.value("errors", i == 0 ? 0.0 : 0.2));

    assertThat(run.getStatus().phase).isEqualTo("Failed");
    assertThat(result(run).failed).isEqualTo(2);
    assertThat(result(run).count).isEqualTo(3);
    assertThat(run.getStatus().message).isEqualTo(
        "metric errors failed: value 0.2 (failureCondition result >= 0.1 is true)");
  }

  @Test
  void neitherConditionTrueIsInconclusiveAndTheLimitCounts() {
    Metric metric = metric("errors");
    metric.interval = new IntOrString("10s");
    metric.count = new IntOrString(3);
    metric.inconclusiveLimit = new IntOrString(1);

    AnalysisRun run = drive(run(metric), i -> Taken.value("errors", 0.07));

    assertThat(run.getStatus().phase).isEqualTo("Inconclusive");
    assertThat(result(run).inconclusive).isEqualTo(2);
  }

  @Test
  void consecutiveErrorsBeyondTheLimitErrorTheRunAndASuccessResetsTheStreak() {
    Metric metric = metric("errors");
    metric.interval = new IntOrString("10s");
    metric.count = new IntOrString(20);
    metric.consecutiveErrorLimit = new IntOrString(2);
    // error, error, ok, error, error, error -> the third error in a row ends it
    List<Boolean> errors = List.of(true, true, false, true, true, true);

    AnalysisRun run = drive(run(metric), i -> errors.get(i)
        ? Taken.error("errors", "Prometheus at http://p:9090 did not answer within 10s")
        : Taken.value("errors", 0.0));

    assertThat(run.getStatus().phase).isEqualTo("Error");
    assertThat(result(run).error).isEqualTo(5);
    assertThat(result(run).consecutiveError).isEqualTo(3);
    assertThat(run.getStatus().message).contains("did not answer within 10s");
  }

  @Test
  void aProviderErrorIsRetriedAndDoesNotCountAsAMeasurement() {
    Instant start = now;
    AnalysisRun run = drive(run(metric("errors")), i -> i == 0
        ? Taken.error("errors", "connection refused") : Taken.value("errors", 0.0));

    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(result(run).error).isEqualTo(1);
    assertThat(result(run).successful).isEqualTo(1);
    assertThat(measuredAt).containsExactly(start, start.plus(AnalysisRunPlanner.RETRY_AFTER_ERROR));
  }

  @Test
  void aDryRunMetricIsMeasuredButNeverDecides() {
    Metric failing = metric("experimental");
    failing.dryRun = true;
    AnalysisRun run = drive(run(metric("errors"), failing),
        i -> new Taken(i % 2 == 0 ? "errors" : "experimental", false, i % 2 == 0 ? 0.0 : 0.9,
            null, null, null, Map.of()));

    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(run.getStatus().metricResults).anySatisfy(r -> {
      assertThat(r.name).isEqualTo("experimental");
      assertThat(r.dryRun).isTrue();
      assertThat(r.phase).isEqualTo("Failed");
    });
  }

  @Test
  void onlyTheNewestMeasurementsAreKeptButAllAreCounted() {
    Metric metric = metric("errors");
    metric.interval = new IntOrString("1s");
    metric.count = new IntOrString(7);
    metric.measurementRetention = 3;

    AnalysisRun run = drive(run(metric), i -> Taken.value("errors", i / 1000.0));

    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(result(run).count).isEqualTo(7);
    assertThat(result(run).successful).isEqualTo(7);
    assertThat(result(run).measurements).extracting(m -> m.value)
        .containsExactly("0.004", "0.005", "0.006");
  }

  @Test
  void aConditionThatDoesNotCompileErrorsTheRunWithCelsMessage() {
    Metric metric = metric("errors");
    metric.successCondition = "result <";

    AnalysisRun run = drive(run(metric), i -> Taken.value("errors", 0.01));

    assertThat(run.getStatus().phase).isEqualTo("Error");
    assertThat(run.getStatus().message).contains("condition result < does not compile")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void aConditionThatIsNotABooleanErrors() {
    Metric metric = metric("errors");
    metric.successCondition = "result * 2.0";
    metric.failureCondition = null;

    AnalysisRun run = drive(run(metric), i -> Taken.value("errors", 0.01));

    assertThat(run.getStatus().phase).isEqualTo("Error");
    assertThat(run.getStatus().message).contains("gives 0.02, not true or false");
  }

  @Test
  void anEmptyResultIsInconclusiveUnlessTheConditionsSayWhatEmptyMeans() {
    AnalysisRun empty = drive(run(metric("errors")), i -> Taken.value("errors", List.of()));
    assertThat(empty.getStatus().phase).isEqualTo("Inconclusive");
    assertThat(result(empty).measurements.get(0).message).contains("no data");

    Metric explicit = metric("errors");
    explicit.successCondition = "size(result) == 0 || result[0] < 0.05";
    explicit.failureCondition = null;
    AnalysisRun judged = drive(run(explicit), i -> Taken.value("errors", List.of()));
    assertThat(judged.getStatus().phase).isEqualTo("Successful");
  }

  @Test
  void vectorsAndIntegersCompareNaturally() {
    Metric metric = metric("errors");
    metric.successCondition = "result[0] < 1 && result[1] >= 2";
    metric.failureCondition = null;

    AnalysisRun run = drive(run(metric), i -> Taken.value("errors", List.of(0.5, 2.0)));

    assertThat(run.getStatus().phase).isEqualTo("Successful");
  }

  @Test
  void aRunningMeasurementIsResumedUntilItsProviderDecides() {
    Metric metric = metric("smoke");
    AnalysisRun run = drive(run(metric), i -> i < 3
        ? new Taken("smoke", true, null, null, null, null, Map.of("job", "smoke-x1"))
        : new Taken("smoke", false, null, AnalysisPhase.Successful, null, "Job smoke-x1"
            + " succeeded", Map.of()));

    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(result(run).measurements).singleElement().satisfies(m -> {
      assertThat(m.phase).isEqualTo("Successful");
      assertThat(m.metadata).containsEntry("job", "smoke-x1");
    });
    assertThat(measuredAt).hasSize(4);
    assertThat(Duration.between(measuredAt.get(0), measuredAt.get(1)))
        .isEqualTo(AnalysisRunPlanner.RESUME_EVERY);
  }

  @Test
  void aProvidersOwnVerdictKeepsTheValueItJudged() {
    Metric metric = metric("kayenta");
    AnalysisRun run = drive(run(metric), i -> i < 1
        ? new Taken("kayenta", true, null, null, null, null, Map.of("canaryExecutionId", "e1"))
        : new Taken("kayenta", false, 72.0, AnalysisPhase.Inconclusive, null, "score 72 is"
            + " marginal", Map.of()));

    assertThat(run.getStatus().phase).isEqualTo("Inconclusive");
    assertThat(result(run).measurements).singleElement().satisfies(m -> {
      assertThat(m.phase).isEqualTo("Inconclusive");
      assertThat(m.value).isEqualTo("72");
      assertThat(m.message).isEqualTo("score 72 is marginal");
    });
  }

  @Test
  void aTerminatedRunStopsMeasuringEndsWithWhatItHasAndCleansUpRunningWork() {
    Metric metric = metric("smoke");
    AnalysisRun run = run(metric);
    run.setStatus(AnalysisRunPlanner.update(run, List.of(new Taken("smoke", true, null, null,
        null, null, Map.of("job", "smoke-x1"))), now).status());
    run.getSpec().terminate = true;

    List<AnalysisRunPlanner.Task> tasks = AnalysisRunPlanner.tasks(run, now);
    AnalysisRunPlanner.Update update = AnalysisRunPlanner.update(run, List.of(), now);

    assertThat(tasks).singleElement().satisfies(t -> {
      assertThat(t.work()).isEqualTo(AnalysisRunPlanner.Work.TERMINATE);
      assertThat(t.metadata()).containsEntry("job", "smoke-x1");
    });
    assertThat(update.status().phase).isEqualTo("Successful");
    assertThat(update.status().message).isEqualTo("terminated");
    assertThat(update.nextAt()).isNull();
  }
}
