package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.Header;
import dev.ramp.metrics.MeasurementResult.State;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare metrics reading their counters from a real Prometheus (see {@link LocalPrometheus})
 * that scrapes request counters this test exposes for a few revisions.
 */
class CompareProviderPrometheusTest {
  /** The stable revision has two kinds of errors; h34lthy has none, so no error series. */
  private static final String EXPOSITION = """
      # TYPE ramp_compare_requests_total counter
      ramp_compare_requests_total{revision="c4n4ry",code="200"} 970
      ramp_compare_requests_total{revision="c4n4ry",code="500"} 30
      ramp_compare_requests_total{revision="st4bl3",code="200"} 8991
      ramp_compare_requests_total{revision="st4bl3",code="500"} 6
      ramp_compare_requests_total{revision="st4bl3",code="503"} 3
      ramp_compare_requests_total{revision="h34lthy",code="200"} 500
      """;
  private static final String ERRORS =
      "sum(ramp_compare_requests_total{revision=\"{{revision}}\",code=~\"5..\"})";
  private static final String REQUESTS =
      "sum(ramp_compare_requests_total{revision=\"{{revision}}\"})";
  private static final String TOKEN = "Bearer SECRET-TOKEN";
  private static final CompareProvider PROVIDER = new CompareProvider(HttpClient.newHttpClient(),
      (namespace, name) -> Optional.empty());

  @TempDir static Path dir;
  private static LocalPrometheus prometheus;

  @BeforeAll
  static void start() throws IOException {
    prometheus = LocalPrometheus.exposing(dir, EXPOSITION);
    // one scrape brings every series at once
    prometheus.awaitScrape(() -> measure("c4n4ry", "st4bl3").value()
        instanceof CounterReading reading && reading.canaryRequests() > 0);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    prometheus.close();
  }

  @Test
  void readsTheCountersAsExposedWithTheCanaryAndTheStableInTheirPlaces() {
    prometheus.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(new CounterReading(30, 1000, 9, 9000));
  }

  @Test
  void aScalarIsReadAsWellAsAOneElementVector() {
    prometheus.require();
    assertThat(measure("st4bl3", "c4n4ry",
        counters -> counters.events = "scalar(" + ERRORS + ")").value())
        .isEqualTo(new CounterReading(9, 9000, 30, 1000));
  }

  @Test
  void aCounterWithoutSeriesYetIsZero() {
    prometheus.require();
    // h34lthy has served requests but no error; n3w has served nothing at all
    assertThat(measure("h34lthy", "st4bl3").value())
        .isEqualTo(new CounterReading(0, 500, 9, 9000));
    assertThat(measure("n3w", "st4bl3").value()).isEqualTo(new CounterReading(0, 0, 9, 9000));
  }

  @Test
  void aQueryAnsweringSeveralSeriesIsAnErrorAskingForAggregation() {
    prometheus.require();
    // one series for the canary's errors (500), two for the stable's (500 and 503)
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> counters.events =
        "sum by (code) (ramp_compare_requests_total{revision=\"{{revision}}\",code=~\"5..\"})");

    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).isEqualTo("stable revision st4bl3: the events query returned"
        + " 2 series; it must aggregate them into one, e.g. with sum()");
  }

  @Test
  void notANumberInfinityOrANegativeTotalIsAnError() {
    prometheus.require();
    // scalar() of an empty vector is NaN
    assertThat(measure("h34lthy", "st4bl3", counters -> counters.events = "scalar(" + ERRORS
        + ")").message()).isEqualTo("canary revision h34lthy: the events total is NaN,"
        + " but a counter must be a finite number, 0 or more");
    assertThat(measure("c4n4ry", "st4bl3", counters -> counters.events = ERRORS + " / 0")
        .message()).isEqualTo("canary revision c4n4ry: the events total is Infinity,"
        + " but a counter must be a finite number, 0 or more");
    assertThat(measure("c4n4ry", "st4bl3", counters -> counters.requests = "-" + REQUESTS)
        .message()).isEqualTo("canary revision c4n4ry: the requests total is -1000.0,"
        + " but a counter must be a finite number, 0 or more");
  }

  @Test
  void prometheusRefusalNamesTheSideAndTheQueryButNotTheHeaders() {
    prometheus.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3",
        counters -> counters.requests = "sum(" + REQUESTS);

    assertThat(result.message())
        .startsWith("canary revision c4n4ry: the requests query: Prometheus at "
            + prometheus.address() + " answered 400: bad_data: ")
        .contains("parse error")
        .doesNotContain("SECRET");
  }

  @Test
  void aQueryWithoutTheRevisionIsRefusedRatherThanComparingARevisionWithItself() {
    // refused before anything is sent: no Prometheus needed
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> {
      counters.address = "http://127.0.0.1:" + LoopbackHttp.closedPort();
      counters.requests = "sum(ramp_compare_requests_total)";
    });

    assertThat(result.message()).isEqualTo("the requests query has no"
        + " {{revision}}, so the canary and the stable revision would read the same counter");
  }

  @Test
  void anUnreachablePrometheusIsAnErrorOfTheFirstSideRead() {
    String nowhere = "http://127.0.0.1:" + LoopbackHttp.closedPort();
    assertThat(measure("c4n4ry", "st4bl3", counters -> counters.address = nowhere).message())
        .isEqualTo("canary revision c4n4ry: the events query: Prometheus at " + nowhere
            + " could not be reached: connection refused");
  }

  private static MeasurementResult measure(String canary, String stable) {
    return measure(canary, stable, counters -> { });
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<CompareMetric.PrometheusCounters> change) {
    CompareMetric.PrometheusCounters counters = new CompareMetric.PrometheusCounters();
    counters.address = prometheus.address();
    counters.events = ERRORS;
    counters.requests = REQUESTS;
    counters.headers = List.of(new Header("Authorization", TOKEN));
    change.accept(counters);
    CompareMetric compare = Requests.compare(canary, stable);
    compare.prometheus = counters;
    return PROVIDER.measure(Requests.compare(compare));
  }
}
