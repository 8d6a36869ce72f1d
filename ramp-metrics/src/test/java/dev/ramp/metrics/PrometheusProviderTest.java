package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.Header;
import dev.ramp.metrics.MeasurementResult.State;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Prometheus (Debian's package) that this class starts on a free loopback port,
 * scraping an exporter the test serves. Tests that need no Prometheus run without it.
 */
class PrometheusProviderTest {
  /** Series deliberately out of label order; a NaN gauge. */
  private static final String EXPOSITION = """
      # TYPE ramp_test_requests_total counter
      ramp_test_requests_total{code="500",path="/a"} 3
      ramp_test_requests_total{code="200",path="/b"} 90
      ramp_test_requests_total{code="200",path="/a"} 7
      # TYPE ramp_test_ratio gauge
      ramp_test_ratio NaN
      """;
  private static final String SCALAR_ANSWER =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}}";

  private static final PrometheusProvider PROVIDER =
      new PrometheusProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()));
  private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();

  @TempDir static Path dir;
  private static LocalPrometheus prometheus;
  private static String address;

  @BeforeAll
  static void start() throws Exception {
    prometheus = LocalPrometheus.start(dir, exporter -> {
      exporter.createContext("/metrics", exchange -> LoopbackHttp.answer(exchange, 200,
          "text/plain; version=0.0.4", EXPOSITION));
      exporter.createContext("/html/api/v1/query", exchange -> LoopbackHttp.answer(exchange,
          200, "text/html", "<html>a dashboard</html>"));
      exporter.createContext("/recording/api/v1/query", exchange -> {
        RECEIVED.put("query", URLDecoder.decode(
            exchange.getRequestURI().getRawQuery().substring("query=".length()),
            StandardCharsets.UTF_8));
        RECEIVED.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        LoopbackHttp.answer(exchange, 200, "application/json", SCALAR_ANSWER);
      });
    });
    address = prometheus.address();
    prometheus.awaitScrape(() -> query("ramp_test_requests_total").value()
        instanceof List<?> list && list.size() == 3);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    prometheus.close();
  }

  @Test
  void aScalarIsADouble() {
    prometheus.require();
    assertThat(query("scalar(sum(ramp_test_requests_total{code=\"500\"}))").value())
        .isEqualTo(3.0);
  }

  @Test
  void aVectorIsAListOfValuesInLabelOrder() {
    prometheus.require();
    // {code="200",path="/a"}, {code="200",path="/b"}, {code="500",path="/a"}
    assertThat(query("ramp_test_requests_total").value()).isEqualTo(List.of(7.0, 90.0, 3.0));
    assertThat(query("sum by (path) (ramp_test_requests_total)").value())
        .isEqualTo(List.of(10.0, 90.0));
  }

  @Test
  void anEmptyVectorIsAnEmptyList() {
    prometheus.require();
    MeasurementResult result = query("ramp_test_requests_total{code=\"404\"}");
    assertThat(result.state()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(List.of());
  }

  @Test
  void notANumberAndInfinitiesAreDoubles() {
    prometheus.require();
    assertThat(query("ramp_test_ratio").value()).isEqualTo(List.of(Double.NaN));
    assertThat(query("scalar(ramp_test_ratio)").value()).isEqualTo(Double.NaN);
    assertThat(query("1/0").value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(query("-1/0").value()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void aRangeVectorOrAStringIsAnError() {
    prometheus.require();
    assertThat(query("ramp_test_requests_total[1m]").message()).isEqualTo("Prometheus at "
        + address + " returned a matrix: an analysis query must return a scalar or an instant"
        + " vector");
    assertThat(query("\"text\"").message()).startsWith("Prometheus at " + address
        + " returned a string:");
  }

  @Test
  void aSyntaxErrorCarriesPrometheusExplanation() {
    prometheus.require();
    MeasurementResult result = query("sum(ramp_test_requests_total");
    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message())
        .startsWith("Prometheus at " + address + " answered 400: bad_data: ")
        .contains("parse error");
  }

  @Test
  void sendsTheQueryEncodedAndTheHeaders() {
    String promql = "sum(rate(http_requests_total{path=~\"/a b&c\"}[5m])) / 2 + 1";
    MeasurementResult result = PROVIDER.measure(Requests.prometheus(
        prometheus.exporterUrl() + "/recording/", promql, null,
        new Header("Authorization", "Bearer t0ken")));
    assertThat(result.value()).isEqualTo(1.0);
    assertThat(RECEIVED).containsEntry("query", promql)
        .containsEntry("authorization", "Bearer t0ken");
  }

  @Test
  void somethingElseThanPrometheusIsAnError() {
    String server = prometheus.exporterUrl();
    assertThat(PROVIDER.measure(Requests.prometheus(server, "up", null)).message())
        .isEqualTo("Prometheus at " + server + " answered 404: <h1>404 Not Found</h1>No context"
            + " found for request");
    assertThat(PROVIDER.measure(Requests.prometheus(server + "/html", "up", null)).message())
        .isEqualTo("Prometheus at " + server + "/html answered 200 but not with the JSON of"
            + " Prometheus' query API (is the address a Prometheus?)");
  }

  @Test
  void anUnreachableAddressIsAnError() {
    String nowhere = "http://127.0.0.1:" + LoopbackHttp.closedPort();
    assertThat(PROVIDER.measure(Requests.prometheus(nowhere, "up", null)).message())
        .isEqualTo("Prometheus at " + nowhere + " could not be reached: connection refused");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    // the kernel accepts connections into the backlog; nobody ever reads or answers
    try (ServerSocket silent = new ServerSocket(0, 10, LoopbackHttp.LOOPBACK)) {
      String server = "http://127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();
      MeasurementResult result = PROVIDER.measure(Requests.prometheus(server, "up", "300ms"));
      assertThat(result.message())
          .isEqualTo("Prometheus at " + server + " did not answer within 300ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  private static MeasurementResult query(String promql) {
    return PROVIDER.measure(Requests.prometheus(address, promql, null));
  }
}
