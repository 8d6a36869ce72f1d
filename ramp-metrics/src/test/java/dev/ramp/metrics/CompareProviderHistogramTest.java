package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.metrics.MeasurementResult.State;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latency as counts: compare metrics reading the requests slower than a threshold from a latency
 * histogram that a real Prometheus (see {@link LocalPrometheus}) scrapes from this test, one
 * histogram per revision (the stable's split over two paths), the revision in a label named
 * {@code version}.
 */
class CompareProviderHistogramTest {
  /** Canary: 50 of 1000 requests slower than 0.3 s; stable: 90 of 9000. */
  private static final String EXPOSITION = """
      # TYPE ramp_request_duration_seconds histogram
      ramp_request_duration_seconds_bucket{version="c4n4ry",path="/",le="0.1"} 600
      ramp_request_duration_seconds_bucket{version="c4n4ry",path="/",le="0.3"} 950
      ramp_request_duration_seconds_bucket{version="c4n4ry",path="/",le="1.5"} 990
      ramp_request_duration_seconds_bucket{version="c4n4ry",path="/",le="+Inf"} 1000
      ramp_request_duration_seconds_sum{version="c4n4ry",path="/"} 210.5
      ramp_request_duration_seconds_count{version="c4n4ry",path="/"} 1000
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/",le="0.1"} 5000
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/",le="0.3"} 5940
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/",le="1.5"} 5995
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/",le="+Inf"} 6000
      ramp_request_duration_seconds_sum{version="st4bl3",path="/"} 700
      ramp_request_duration_seconds_count{version="st4bl3",path="/"} 6000
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/cart",le="0.1"} 2000
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/cart",le="0.3"} 2970
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/cart",le="1.5"} 2999
      ramp_request_duration_seconds_bucket{version="st4bl3",path="/cart",le="+Inf"} 3000
      ramp_request_duration_seconds_sum{version="st4bl3",path="/cart"} 450
      ramp_request_duration_seconds_count{version="st4bl3",path="/cart"} 3000
      """;
  private static final String HISTOGRAM =
      "ramp_request_duration_seconds{version=\"{{revision}}\"}";
  private static final CompareProvider PROVIDER = new CompareProvider(HttpClient.newHttpClient(),
      (namespace, name) -> Optional.empty());

  @TempDir static Path dir;
  private static LocalPrometheus prometheus;

  @BeforeAll
  static void start() throws IOException {
    prometheus = LocalPrometheus.exposing(dir, EXPOSITION);
    prometheus.awaitScrape(() -> measure("c4n4ry", "st4bl3").value()
        instanceof CounterReading reading && reading.canaryRequests() > 0);
  }

  @AfterAll
  static void stop() {
    prometheus.close();
  }

  @Test
  void theEventsAreTheRequestsSlowerThanTheBoundaryOfEachRevisionsHistogram() {
    prometheus.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(new CounterReading(50, 1000, 90, 9000));
  }

  @Test
  void theThresholdMatchesTheBoundaryAsANumberInSeconds() {
    prometheus.require();
    assertThat(measure("c4n4ry", "st4bl3", counters -> counters.slowerThan = "0.30s").value())
        .isEqualTo(new CounterReading(50, 1000, 90, 9000));
    assertThat(measure("c4n4ry", "st4bl3", counters -> counters.slowerThan = "1500ms").value())
        .isEqualTo(new CounterReading(10, 1000, 6, 9000));
  }

  @Test
  void theHistogramMayBeNamedByItsBucketSeries() {
    prometheus.require();
    assertThat(measure("c4n4ry", "st4bl3", counters -> counters.histogram =
        "ramp_request_duration_seconds_bucket{version=\"{{revision}}\",path=\"/\"}").value())
        .isEqualTo(new CounterReading(50, 1000, 60, 6000));
  }

  @Test
  void aRevisionThatServedNothingYetHasNoRequests() {
    prometheus.require();
    assertThat(measure("n3w", "st4bl3").value()).isEqualTo(new CounterReading(0, 0, 90, 9000));
  }

  @Test
  void aThresholdThatIsNoBucketBoundaryIsAnErrorNamingTheBoundaries() {
    prometheus.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3",
        counters -> counters.slowerThan = "250ms");

    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).isEqualTo("canary revision c4n4ry: slowerThan 250ms is 0.25s,"
        + " but no bucket of ramp_request_duration_seconds_bucket ends there: its boundaries"
        + " (le) are 0.1, 0.3, 1.5, +Inf");
    assertThat(measure("n3w", "st4bl3", counters -> counters.slowerThan = "250ms").message())
        .as("checked before the revision serves anything")
        .startsWith("canary revision n3w: slowerThan 250ms is 0.25s, but no bucket");
  }

  @Test
  void aHistogramPrometheusDoesNotHaveIsAnError() {
    prometheus.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> counters.histogram =
        "ramp_request_latency_seconds{version=\"{{revision}}\"}");

    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).isEqualTo("canary revision c4n4ry: Prometheus has no series"
        + " ramp_request_latency_seconds_bucket: the histogram must name a histogram it"
        + " scrapes");
  }

  @Test
  void aHistogramOrThresholdThatCannotBeReadIsRefusedBeforeAnyQuery() {
    // refused before anything is sent: no Prometheus needed
    Consumer<CompareMetric.PrometheusCounters> nowhere = counters ->
        counters.address = "http://127.0.0.1:" + LoopbackHttp.closedPort();
    assertThat(measure("c4n4ry", "st4bl3", nowhere.andThen(counters ->
        counters.histogram = "ramp_request_duration_seconds")).message())
        .isEqualTo("the histogram has no {{revision}}, so the canary and the stable revision"
            + " would read the same counter");
    assertThat(measure("c4n4ry", "st4bl3", nowhere.andThen(counters ->
        counters.histogram = "sum(ramp_request_duration_seconds{version=\"{{revision}}\"})"))
        .message()).startsWith("the histogram \"sum(ramp_request_duration_seconds{version="
            + "\"{{revision}}\"})\" is not a metric name with its labels, e.g.");
    assertThat(measure("c4n4ry", "st4bl3", nowhere.andThen(counters ->
        counters.slowerThan = "fast")).message())
        .isEqualTo("slowerThan \"fast\" is not a positive duration: write e.g. 300ms or 1.5s");
  }

  private static MeasurementResult measure(String canary, String stable) {
    return measure(canary, stable, counters -> { });
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<CompareMetric.PrometheusCounters> change) {
    CompareMetric.PrometheusCounters counters = new CompareMetric.PrometheusCounters();
    counters.address = prometheus.address();
    counters.histogram = HISTOGRAM;
    counters.slowerThan = "300ms";
    change.accept(counters);
    CompareMetric compare = Requests.compare(canary, stable);
    compare.prometheus = counters;
    return PROVIDER.measure(Requests.compare(compare));
  }
}
