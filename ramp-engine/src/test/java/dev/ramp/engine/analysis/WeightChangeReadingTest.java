package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.RampLabels;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A compare metric measured every minute whose rollout changes the canary's weight in between:
 * the run reads the counters at the moment it is told of the new weight, so each of the judge's
 * batches is served under one weight.
 */
class WeightChangeReadingTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private Instant now = START;
  /** Requests so far: 1,000 a second, the canary's share per the weight; 1% fail on both. */
  private double canaryRequests;
  private double stableRequests;

  private static AnalysisRun run() {
    Metric metric = new Metric();
    metric.name = "errors";
    metric.interval = new IntOrString("60s");
    metric.provider = new MetricProvider();
    metric.provider.compare = new CompareMetric();
    metric.provider.compare.canaryRevision = "v2";
    metric.provider.compare.stableRevision = "v1";
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder().withName("checkout-v2-background")
        .withAnnotations(new HashMap<>()).build());
    run.setSpec(new AnalysisRunSpec());
    run.getSpec().metrics = List.of(metric);
    return run;
  }

  private static void weight(AnalysisRun run, String weight) {
    run.getMetadata().getAnnotations().put(RampLabels.CANARY_WEIGHT, weight);
  }

  /** Serves {@code seconds} of traffic at the run's weight, then takes what is due. */
  private List<AnalysisRunPlanner.Task> serve(AnalysisRun run, int seconds) {
    int weight = Integer.parseInt(run.getMetadata().getAnnotations().get(RampLabels.CANARY_WEIGHT));
    canaryRequests += 10.0 * weight * seconds;
    stableRequests += 10.0 * (100 - weight) * seconds;
    now = now.plusSeconds(seconds);
    return measure(run);
  }

  private List<AnalysisRunPlanner.Task> measure(AnalysisRun run) {
    List<AnalysisRunPlanner.Task> tasks = AnalysisRunPlanner.tasks(run, now);
    CounterReading reading = new CounterReading(canaryRequests / 100, canaryRequests,
        stableRequests / 100, stableRequests);
    List<Taken> taken = tasks.stream().map(t -> Taken.value(t.metric().name, reading)).toList();
    run.setStatus(AnalysisRunPlanner.update(run, taken, now).status());
    return tasks;
  }

  private static List<Measurement> measurements(AnalysisRun run) {
    return run.getStatus().metricResults.get(0).measurements;
  }

  @Test
  void aNewWeightIsReadAtOnceAndEachBatchIsServedUnderOneWeight() {
    AnalysisRun run = run();
    weight(run, "10");
    measure(run); // the first reading, the starting point
    serve(run, 20);
    assertThat(serve(run, 10)).as("mid-interval, same weight: nothing due").isEmpty();

    weight(run, "25");
    assertThat(AnalysisRunPlanner.update(run, List.of(), now).nextAt()).isEqualTo(now);
    assertThat(measure(run)).as("told of a new weight: read at once").hasSize(1);
    assertThat(measure(run)).as("read once, not again").isEmpty();
    serve(run, 59);
    assertThat(serve(run, 1)).as("the interval counts from the last reading").hasSize(1);

    List<Measurement> measurements = measurements(run);
    assertThat(measurements).hasSize(3);
    assertThat(measurements.get(1).startedAt).isEqualTo("2026-01-01T00:00:30Z");
    assertThat(measurements.get(1).compare.canaryWeight).isEqualTo(10);
    assertThat(measurements.get(1).compare.canaryRequests).isEqualTo(3_000);
    assertThat(measurements.get(1).compare.stableRequests).isEqualTo(27_000);
    assertThat(measurements.get(2).compare.canaryWeight).isEqualTo(25);
    assertThat(measurements.get(2).compare.canaryRequests - 3_000).isEqualTo(15_000);
    assertThat(measurements.get(2).compare.stableRequests - 27_000).isEqualTo(45_000);
  }

  @Test
  void aReadingThatFailsAfterANewWeightIsRetriedOnTheScheduleNotOnEveryLook() {
    AnalysisRun run = run();
    weight(run, "10");
    measure(run);
    serve(run, 20);
    weight(run, "25");
    run.setStatus(AnalysisRunPlanner.update(run,
        List.of(Taken.error("errors", "the metrics server is down")), now).status());

    assertThat(AnalysisRunPlanner.tasks(run, now.plusSeconds(1))).isEmpty();
    assertThat(AnalysisRunPlanner.tasks(run, now.plusSeconds(60))).hasSize(1);
  }

  @Test
  void aWeightThatIsNotAPercentageLeavesTheScheduleAlone() {
    AnalysisRun run = run();
    weight(run, "10");
    measure(run);
    serve(run, 20);

    weight(run, "most of it");

    assertThat(AnalysisRunPlanner.tasks(run, now)).isEmpty();
    assertThat(AnalysisRunPlanner.tasks(run, START.plusSeconds(60))).hasSize(1);
  }
}
