package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareSignal;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.SignalReadings;
import dev.ramp.metrics.MeasurementResult.State;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compare metric with two signals read from a real Prometheus (see {@link LocalPrometheus})
 * in one measurement: errors from a counter of requests by status code, slow requests from a
 * latency histogram, the revision in a label named {@code version}.
 */
class CompareProviderSignalsTest {
  /** Canary: 30 errors and 50 slow in 1000 requests; stable: 90 errors and 60 slow in 9000. */
  private static final String EXPOSITION = """
      # TYPE ramp_requests_total counter
      ramp_requests_total{version="c4n4ry",code="200"} 970
      ramp_requests_total{version="c4n4ry",code="500"} 30
      ramp_requests_total{version="st4bl3",code="200"} 8910
      ramp_requests_total{version="st4bl3",code="500"} 90
      # TYPE ramp_request_duration_seconds histogram
      ramp_request_duration_seconds_bucket{version="c4n4ry",le="0.3"} 950
      ramp_request_duration_seconds_bucket{version="c4n4ry",le="+Inf"} 1000
      ramp_request_duration_seconds_sum{version="c4n4ry"} 210.5
      ramp_request_duration_seconds_count{version="c4n4ry"} 1000
      ramp_request_duration_seconds_bucket{version="st4bl3",le="0.3"} 8940
      ramp_request_duration_seconds_bucket{version="st4bl3",le="+Inf"} 9000
      ramp_request_duration_seconds_sum{version="st4bl3"} 1150
      ramp_request_duration_seconds_count{version="st4bl3"} 9000
      """;
  private static final CompareProvider PROVIDER = new CompareProvider(HttpClient.newHttpClient(),
      (namespace, name) -> Optional.empty());

  @TempDir static Path dir;
  private static LocalPrometheus prometheus;

  @BeforeAll
  static void start() throws IOException {
    prometheus = LocalPrometheus.exposing(dir, EXPOSITION);
    prometheus.awaitScrape(() -> measure("300ms").value() instanceof SignalReadings readings
        && readings.bySignal().get("slow").canaryRequests() > 0
        && readings.bySignal().get("errors").canaryRequests() > 0);
  }

  @AfterAll
  static void stop() {
    prometheus.close();
  }

  @Test
  void everySignalIsReadInOneMeasurement() {
    prometheus.require();
    MeasurementResult result = measure("300ms");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(new SignalReadings(Map.of(
        "errors", new CounterReading(30, 1000, 90, 9000),
        "slow", new CounterReading(50, 1000, 60, 9000))));
    assertThat(((SignalReadings) result.value()).bySignal().keySet())
        .containsExactly("errors", "slow");
  }

  @Test
  void aSignalThatCannotBeReadIsAnErrorNamingTheSignal() {
    prometheus.require();
    MeasurementResult result = measure("250ms");

    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).isEqualTo("signal slow: canary revision c4n4ry: slowerThan"
        + " 250ms is 0.25s, but no bucket of ramp_request_duration_seconds_bucket ends there:"
        + " its boundaries (le) are 0.3, +Inf");
  }

  /** Errors, and the requests slower than {@code slowerThan}. */
  private static MeasurementResult measure(String slowerThan) {
    CompareSignal errors = new CompareSignal();
    errors.name = "errors";
    errors.prometheus = new CompareMetric.PrometheusCounters();
    errors.prometheus.address = prometheus.address();
    errors.prometheus.events = "sum(ramp_requests_total{version=\"{{revision}}\",code=~\"5..\"})";
    errors.prometheus.requests = "sum(ramp_requests_total{version=\"{{revision}}\"})";
    CompareSignal slow = new CompareSignal();
    slow.name = "slow";
    slow.prometheus = new CompareMetric.PrometheusCounters();
    slow.prometheus.address = prometheus.address();
    slow.prometheus.histogram = "ramp_request_duration_seconds{version=\"{{revision}}\"}";
    slow.prometheus.slowerThan = slowerThan;
    CompareMetric compare = Requests.compare("c4n4ry", "st4bl3");
    compare.signals = List.of(errors, slow);
    return PROVIDER.measure(Requests.compare(compare));
  }
}
