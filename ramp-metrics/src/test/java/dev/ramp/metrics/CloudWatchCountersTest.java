package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.metrics.FakeCloudWatch.Answer;
import dev.ramp.metrics.FakeCloudWatch.Asked;
import dev.ramp.metrics.FakeCloudWatch.Result;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compare metric's CloudWatch counters, read from {@link FakeCloudWatch}: each side's two
 * metrics, their revision dimension set, read as Sums per period since 00:00 UTC and added up.
 */
class CloudWatchCountersTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  /** Each revision's Sums per minute, errors then requests. */
  private static final Map<String, List<List<Double>>> SUMS = Map.of(
      "c4n4ry", List.of(List.of(10.0, 20.0), List.of(400.0, 250.0, 350.0)),
      "st4bl3", List.of(List.of(9.0), List.of(3000.0, 3000.0, 3000.0)),
      "n3w", List.of(List.of(), List.of()),
      "n4n", List.of(List.of(Double.NaN), List.of(1.0)));

  private static FakeCloudWatch cloudWatch;

  @BeforeAll
  static void start() throws IOException {
    cloudWatch = new FakeCloudWatch(CloudWatchCountersTest::sums);
    cloudWatch.useAsAwsAccount();
  }

  @AfterAll
  static void stop() {
    FakeCloudWatch.forgetAwsAccount();
    cloudWatch.close();
  }

  @Test
  void eachSidesSumsAreAddedUpSinceMidnightUtcInOneCallPerSide() {
    MeasurementResult result = measure(counters -> { });

    assertThat(result.value()).as(result.message())
        .isEqualTo(new CounterReading(30, 1000, 9, 9000));
    Asked canary = cloudWatch.asked("events").stream()
        .filter(asked -> revision(asked).equals("c4n4ry")).findFirst().orElseThrow();
    assertThat(canary.start()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(canary.end()).isEqualTo(NOW);
    assertThat(canary.queries()).containsExactly(
        Map.of("Id", "events", "MetricStat", Map.of("Metric", Map.of("Namespace", "Checkout",
            "MetricName", "Errors", "Dimensions", List.of(Map.of("Name", "Revision",
                "Value", "c4n4ry"), Map.of("Name", "Service", "Value", "checkout"))),
            "Period", 60L, "Stat", "Sum")),
        Map.of("Id", "requests", "MetricStat", Map.of("Metric", Map.of("Namespace",
            "Checkout", "MetricName", "Requests", "Dimensions", List.of(Map.of("Name",
                "Revision", "Value", "c4n4ry"))), "Period", 60L, "Stat", "Sum")));
  }

  @Test
  void aRevisionWithoutDataPointsYetHasCountedNothing() {
    assertThat(measure(counters -> { }, "n3w").value())
        .isEqualTo(new CounterReading(0, 0, 9, 9000));
  }

  @Test
  void aNanCountIsAnErrorNamingTheSide() {
    assertThat(measure(counters -> { }, "n4n").message()).isEqualTo("canary revision n4n:"
        + " CloudWatch queries events, requests: CloudWatch at " + cloudWatch.endpoint()
        + " answered, but a count of the events metric is NaN");
  }

  @Test
  void theSecondsPerPointCanBeSet() {
    measure(counters -> counters.period = new IntOrString(300));

    assertThat(cloudWatch.asked("events")).last().extracting(asked -> asked.queries().get(0)
        .get("MetricStat")).extracting("Period").isEqualTo(300L);
  }

  @Test
  void aMetricWithoutTheRevisionInItsDimensionsIsRefusedBeforeAnythingIsSent() {
    assertThat(measure(counters -> counters.requests.dimensions = List.of(
        dimension("Revision", "c4n4ry"))).message()).isEqualTo("the requests metric (in its"
            + " dimensions' values) has no {{revision}}, so the canary and the stable revision"
            + " would read the same counter");
  }

  private static MeasurementResult measure(Consumer<CompareMetric.CloudWatchCounters> change) {
    return measure(change, "c4n4ry");
  }

  private static MeasurementResult measure(Consumer<CompareMetric.CloudWatchCounters> change,
      String canary) {
    CompareMetric.CloudWatchCounters counters = new CompareMetric.CloudWatchCounters();
    counters.events = metric("Errors", dimension("Revision", "{{revision}}"),
        dimension("Service", "checkout"));
    counters.requests = metric("Requests", dimension("Revision", "{{revision}}"));
    change.accept(counters);
    CompareMetric compare = Requests.compare(canary, "st4bl3");
    compare.cloudWatch = counters;
    MeasurementResult result = new CompareProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC), new AwsCredentialChain(),
        new CloudWatchConnection())
        .measure(Requests.compare(compare));
    assertThat(String.valueOf(result.message())).doesNotContain("s3cret");
    return result;
  }

  @Test
  void anAnswerWithoutACountersResultIsAnErrorNotZero() {
    assertThat(measure(counters -> { }, "l0st").message()).isEqualTo("canary revision l0st:"
        + " CloudWatch queries events, requests: CloudWatch at " + cloudWatch.endpoint()
        + " answered, but it has no result events");
  }

  /** The fake's answer: the revision's Sums per minute, newest first. */
  private static Answer sums(Asked asked) {
    if (revision(asked).equals("l0st")) {
      return Answer.of(Result.complete("requests", 10.0));
    }
    List<List<Double>> sums = SUMS.get(revision(asked));
    return Answer.of(new Result("events", "Complete", sums.get(0)),
        new Result("requests", "Complete", sums.get(1)));
  }

  @SuppressWarnings("unchecked")
  private static String revision(Asked asked) {
    Map<String, Object> stat = (Map<String, Object>) asked.queries().get(0).get("MetricStat");
    Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
    return ((List<Map<String, Object>>) metric.get("Dimensions")).get(0).get("Value")
        .toString();
  }

  private static CloudWatchMetric.StatMetric metric(String name,
      CloudWatchMetric.Dimension... dimensions) {
    CloudWatchMetric.StatMetric metric = new CloudWatchMetric.StatMetric();
    metric.namespace = "Checkout";
    metric.metricName = name;
    metric.dimensions = List.of(dimensions);
    return metric;
  }

  private static CloudWatchMetric.Dimension dimension(String name, String value) {
    CloudWatchMetric.Dimension dimension = new CloudWatchMetric.Dimension();
    dimension.name = name;
    dimension.value = value;
    return dimension;
  }
}
