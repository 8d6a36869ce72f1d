package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.PrometheusRangeQuery;
import dev.ramp.metrics.MeasurementResult.State;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Range queries ({@code rangeQuery: {start, end, step}}) against a real Prometheus (see
 * {@link LocalPrometheus}) scraping two constant gauges, measured with a clock that stands a few
 * seconds after the gauges were first seen, so that every point of the range has a value.
 */
class PrometheusRangeQueryTest {
  /** Out of label order, to see the series sorted. */
  private static final String EXPOSITION = """
      # TYPE ramp_range_latency gauge
      ramp_range_latency{path="/b"} 7
      ramp_range_latency{path="/a"} 5
      """;
  private static final Map<String, Map<String, List<String>>> RECEIVED =
      new ConcurrentHashMap<>();

  @TempDir static Path dir;
  private static LocalPrometheus prometheus;
  /** The measurements' now(): over 4s after Prometheus was seen holding both series. */
  private static Instant now;
  private static PrometheusProvider provider;

  @BeforeAll
  static void start() throws IOException {
    prometheus = LocalPrometheus.start(dir, exporter -> {
      exporter.createContext("/metrics", exchange -> LoopbackHttp.answer(exchange, 200,
          "text/plain; version=0.0.4", EXPOSITION));
      exporter.createContext("/recording/api/v1/query_range", exchange -> {
        RECEIVED.put("query_range",
            FakeApi.parameters(exchange.getRequestURI().getRawQuery()));
        LoopbackHttp.answer(exchange, 200, "application/json", "{\"status\":\"success\","
            + "\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
      });
      exporter.createContext("/instant-only/api/v1/query_range", exchange ->
          LoopbackHttp.answer(exchange, 200, "application/json", "{\"status\":\"success\","
              + "\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    });
    PrometheusProvider realTime = new PrometheusProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of()));
    prometheus.awaitScrape(() -> realTime.measure(Requests.prometheus(prometheus.address(),
        "ramp_range_latency", null)).value() instanceof List<?> both && both.size() == 2);
    // a whole second, so that the times sent are short; now() - 4s is after the first sample
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
    provider = new PrometheusProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()),
        Clock.fixed(now, ZoneOffset.UTC), new AwsCredentialChain());
  }

  @AfterAll
  static void stop() {
    prometheus.close();
  }

  @Test
  void everyValueOfEverySeriesInLabelOrderThenTimeOrder() {
    prometheus.require();
    // points at now - 4s, now - 2s and now, for /a then /b
    assertThat(range("ramp_range_latency", "now() - duration(\"4s\")", "now()", "2s").value())
        .isEqualTo(List.of(5.0, 5.0, 5.0, 7.0, 7.0, 7.0));
  }

  @Test
  void aFixedTimestampAndAStepInSecondsAreAccepted() {
    prometheus.require();
    String end = now.toString();
    assertThat(range("sum(ramp_range_latency)", "timestamp(\"" + end + "\") - duration(\"3s\")",
        "timestamp(\"" + end + "\")", "1").value())
        .isEqualTo(List.of(12.0, 12.0, 12.0, 12.0));
  }

  @Test
  void aRangeBeforeTheFirstSampleIsEmpty() {
    prometheus.require();
    MeasurementResult result =
        range("ramp_range_latency", "now() - duration(\"48h\")", "now() - duration(\"47h\")",
            "1h");
    assertThat(result.state()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(List.of());
  }

  @Test
  void sendsTheQueryTheEvaluatedTimesAndTheStep() {
    MeasurementResult result = provider.measure(request(prometheus.exporterUrl() + "/recording",
        "rate(x[5m])", "now() - duration(\"1h30m\")", "now()", "5m"));
    assertThat(result.value()).isEqualTo(List.of());
    assertThat(RECEIVED.get("query_range")).isEqualTo(Map.of(
        "query", List.of("rate(x[5m])"), "start", List.of(now.minusSeconds(5400).toString()),
        "end", List.of(now.toString()), "step", List.of("5m")));
  }

  @Test
  void prometheusRefusingTheRangeIsAnErrorWithItsExplanation() {
    prometheus.require();
    assertThat(range("ramp_range_latency", "now()", "now() - duration(\"1m\")", "15s").message())
        .startsWith("Prometheus at " + prometheus.address() + " answered 400: bad_data: ")
        .endsWith("end timestamp must not be before start time");
    assertThat(range("ramp_range_latency", "now() - duration(\"1m\")", "now()", "fast")
        .message()).startsWith("Prometheus at " + prometheus.address() + " answered 400:"
            + " bad_data: invalid parameter \"step\"");
  }

  @Test
  void timesThatAreNotTimestampExpressionsAreErrorsNamingTheField() {
    assertThat(range("up", "now - 5m", "now()", "1m").message())
        .startsWith("rangeQuery.start \"now - 5m\" is not a CEL expression giving a timestamp"
            + " (such as now() - duration(\"5m\")): ");
    assertThat(range("up", "now() - duration(\"5m\")", "300", "1m").message())
        .startsWith("rangeQuery.end \"300\" is not a CEL expression giving a timestamp");
    assertThat(range("up", "now() - duration(\"5 minutes\")", "now()", "1m").message())
        .startsWith("rangeQuery.start \"now() - duration(\"5 minutes\")\" cannot be evaluated: ");
    assertThat(range("up", null, "now()", "1m").message()).isEqualTo("rangeQuery.start is"
        + " empty: write a time such as now() or now() - duration(\"5m\")");
    assertThat(range("up", "now()", "now()", " ").message())
        .isEqualTo("rangeQuery.step is empty: write the resolution, e.g. 30s or 1m");
  }

  @Test
  void aServerAnsweringSomethingElseThanAMatrixIsNotTheQueryApi() {
    String server = prometheus.exporterUrl() + "/instant-only";
    assertThat(provider.measure(request(server, "up", "now() - duration(\"1m\")", "now()", "1m"))
        .message()).isEqualTo("Prometheus at " + server + " answered 200 but not with the JSON"
            + " of Prometheus' query API (is the address a Prometheus?)");
  }

  private static MeasurementResult range(String promql, String start, String end, String step) {
    return provider.measure(request(prometheus.address(), promql, start, end, step));
  }

  private static MeasurementRequest request(String address, String promql, String start,
      String end, String step) {
    MeasurementRequest request = Requests.prometheus(address, promql, null);
    PrometheusRangeQuery range = new PrometheusRangeQuery();
    range.start = start;
    range.end = end;
    range.step = step;
    request.metric().provider.prometheus.rangeQuery = range;
    return request;
  }
}
