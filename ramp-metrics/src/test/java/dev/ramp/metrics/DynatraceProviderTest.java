package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.DynatraceMetric;
import dev.ramp.metrics.FakeDynatrace.Answer;
import dev.ramp.metrics.FakeDynatrace.Asked;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dynatrace metrics, written as Flagger's dynatrace templates write them (address, query, a
 * Secret with dynatrace_token), measured from {@link FakeDynatrace}. The answers are the
 * MetricData of "Metrics API - GET metric data points" (a {@code result} per metric, with
 * {@code data} series of {@code timestamps} and nullable {@code values}) and the error envelope
 * of "Dynatrace API - Response codes".
 */
class DynatraceProviderTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final long NOW_MS = NOW.toEpochMilli();
  private static final String ERROR_RATE = "builtin:service.errors.total.rate"
      + ":filter(eq(\"dt.entity.service\",\"SERVICE-1234\")):avg";

  private static FakeDynatrace dynatrace;

  @BeforeAll
  static void start() throws IOException {
    dynatrace = new FakeDynatrace();
    dynatrace.answer(ERROR_RATE, Answer.ok(metricData(series("SERVICE-1234", "0.8"))));
    dynatrace.answer("by-service", Answer.ok(metricData(series("SERVICE-1", "0.5"),
        series("SERVICE-2", "0.25"))));
    dynatrace.answer("no-data", Answer.ok(metricData()));
    dynatrace.answer("no-metric", Answer.ok("{\"totalCount\":0,\"nextPageKey\":null,"
        + "\"resolution\":\"Inf\",\"result\":[]}"));
    dynatrace.answer("gap", Answer.ok(metricData(series("SERVICE-1234", "null"))));
    dynatrace.answer("nan", Answer.ok(metricData(series("SERVICE-1234", "NaN"))));
    dynatrace.answer("cut", Answer.ok(metricData("{\"dimensions\":[],\"dimensionMap\":{},"
        + "\"timestamps\":[" + (NOW_MS - 60_000) + "," + NOW_MS + "],\"values\":[0.5]}")));
    dynatrace.answer("html", new Answer(200, "<html><body>Dynatrace SSO</body></html>",
        Map.of()));
    dynatrace.answer("bad-selector", Answer.error(400, "Constraints violated: metricSelector:"
        + " Token 'bad-selector' is not a valid metric key"));
    dynatrace.answer("no-scope", Answer.error(403, "Token is missing required scope."
        + " Use one of: metrics.read"));
    dynatrace.answer("echo", Answer.error(400, "bad token " + FakeDynatrace.TOKEN));
    dynatrace.answer("busy", new Answer(429, "", Map.of("Retry-After", "1")),
        Answer.ok(metricData(series("SERVICE-1234", "7"))));
    dynatrace.answer("throttled", new Answer(429, "", Map.of()));
    dynatrace.answer("broken", Answer.error(503, "Service Unavailable"));
    dynatrace.answer("slow", new Answer(0, null, Map.of()));
  }

  @AfterAll
  static void stop() {
    dynatrace.close();
  }

  @Test
  void aFlaggerQueryIsTheSeriesValueOverTheLastFiveMinutesAsOneResolution() {
    MeasurementResult result = measure(ERROR_RATE);

    assertThat(result.value()).as(result.message()).isEqualTo(0.8);
    assertThat(dynatrace.asked(ERROR_RATE).get(0).parameters()).isEqualTo(Map.of(
        "metricSelector", ERROR_RATE, "resolution", "Inf",
        "from", String.valueOf(NOW_MS - Duration.ofMinutes(5).toMillis()),
        "to", String.valueOf(NOW_MS)));
  }

  @Test
  void severalSeriesAreAListAndTheIntervalIsTheWindow() {
    MeasurementResult result = measure(metric -> metric.interval = "1h", "by-service");

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(0.5, 0.25));
    Asked asked = dynatrace.asked("by-service").get(0);
    assertThat(asked.parameters()).containsEntry("from",
        String.valueOf(NOW_MS - Duration.ofHours(1).toMillis()));
  }

  @Test
  void noSeriesANullValueNanAndACutSeriesAreErrorsQuotingTheAnswer() {
    assertThat(measure("no-data").message()).isEqualTo("Dynatrace metric selector"
        + " \"no-data\": Dynatrace at " + dynatrace.address() + "/ answered 200, but it has no"
        + " series: nothing was measured: {\"totalCount\":0,\"nextPageKey\":null,"
        + "\"resolution\":\"Inf\",\"result\":[{\"metricId\":\"builtin:service.errors.total"
        + ".rate:avg\",\"dataPointCountRatio\":0.0,\"dimensionCountRatio\":0.0,\"data\":[]}]}");
    assertThat(measure("no-metric").message()).contains("answered 200, but it has no series:"
        + " nothing was measured: ");
    assertThat(measure("gap").message()).contains("answered 200, but series"
        + " builtin:service.errors.total.rate:avg{dt.entity.service=SERVICE-1234} has no value"
        + " at point 1 of 1: a partial series, which proves nothing: {\"totalCount\"");
    assertThat(measure("nan").message()).contains("answered 200, but series"
        + " builtin:service.errors.total.rate:avg{dt.entity.service=SERVICE-1234} is NaN at"
        + " point 1 of 1: ");
    assertThat(measure("cut").message()).contains("answered 200, but series"
        + " builtin:service.errors.total.rate:avg has 1 values for 2 timestamps: a partial"
        + " series: ");
  }

  @Test
  void aMalformedAnswerAndARefusedSelectorAreErrorsWithTheAnswersFirstBytes() {
    assertThat(measure("html").message()).isEqualTo("Dynatrace metric selector \"html\":"
        + " Dynatrace at " + dynatrace.address() + "/ answered 200, but the answer is not JSON:"
        + " <html><body>Dynatrace SSO</body></html>");
    assertThat(measure("bad-selector").message()).isEqualTo("Dynatrace metric selector"
        + " \"bad-selector\": Dynatrace at " + dynatrace.address() + "/ answered 400:"
        + " {\"error\":{\"code\":400,\"message\":\"Constraints violated: metricSelector: Token"
        + " 'bad-selector' is not a valid metric key\"}}");
  }

  @Test
  void aRefusedTokenIsNamedByItsSecretAndKeyNeverShown() {
    assertThat(measure(metric -> { }, ERROR_RATE, Map.of("dynatrace_token",
        "dt0c01.WR0NG.T0KEN")).message()).endsWith(" refused the token in key"
            + " dynatrace_token of Secret dynatrace (401): {\"error\":{\"code\":401,"
            + "\"message\":\"Token Authentication failed\"}}");
    assertThat(measure("no-scope").message()).endsWith(" refused the token in key"
        + " dynatrace_token of Secret dynatrace (403): {\"error\":{\"code\":403,\"message\":"
        + "\"Token is missing required scope. Use one of: metrics.read\"}}");
    assertThat(measure("echo").message()).endsWith(" answered 400: {\"error\":{\"code\":400,"
        + "\"message\":\"bad token <redacted>\"}}");
  }

  @Test
  void aRetryAfterIsWaitedOutWithinTheTimeoutAndA429WithoutOneIsTold() {
    MeasurementResult busy = measure("busy");

    assertThat(busy.value()).as(busy.message()).isEqualTo(7.0);
    List<Asked> asked = dynatrace.asked("busy");
    assertThat(asked).hasSize(2);
    assertThat(Duration.ofNanos(asked.get(1).atNanos() - asked.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(measure("throttled").message()).isEqualTo("Dynatrace metric selector"
        + " \"throttled\": Dynatrace at " + dynatrace.address() + "/ is rate limiting (429)");
    assertThat(dynatrace.asked("throttled")).hasSize(1);
  }

  @Test
  void aServerFailureAndATimeoutAreErrorsNamingTheSelector() {
    assertThat(measure("broken").message()).isEqualTo("Dynatrace metric selector \"broken\":"
        + " Dynatrace at " + dynatrace.address() + "/ failed (503): {\"error\":{\"code\":503,"
        + "\"message\":\"Service Unavailable\"}}");
    assertThat(measure(metric -> metric.timeout = new IntOrString("500ms"), "slow").message())
        .isEqualTo("Dynatrace metric selector \"slow\": Dynatrace at " + dynatrace.address()
            + "/ did not answer within 500ms");
  }

  @Test
  void theTokenIsTheOneOfTheSecretSecretRefNamesAndAMissingOneIsTold() {
    assertThat(measure(metric -> metric.secretRef = new LocalObjectReference("dt-team-a"),
        ERROR_RATE, Map.of()).message()).isEqualTo("Dynatrace's API token, Secret dt-team-a"
            + " in namespace default, does not exist");
    assertThat(measure(metric -> { }, ERROR_RATE, Map.of("api-token", FakeDynatrace.TOKEN))
        .message()).isEqualTo("Secret dynatrace has no dynatrace_token, the API token"
            + " Dynatrace needs");
    assertThat(measure(metric -> metric.interval = "5 minutes", ERROR_RATE).message())
        .isEqualTo("interval \"5 minutes\" is not a positive duration: write 30s, 5m or 1h");
    assertThat(measure(metric -> metric.address = "abc12345.live.dynatrace.com", ERROR_RATE)
        .message()).isEqualTo("the address is not a valid http or https URL");
  }

  private static MeasurementResult measure(String query) {
    return measure(metric -> { }, query);
  }

  private static MeasurementResult measure(Consumer<DynatraceMetric> change, String query) {
    return measure(change, query, Map.of("dynatrace_token", FakeDynatrace.TOKEN));
  }

  /** Measures with Secret dynatrace holding {@code secret}, and dt-team-a, the token too. */
  private static MeasurementResult measure(Consumer<DynatraceMetric> change, String query,
      Map<String, String> secret) {
    DynatraceMetric metric = new DynatraceMetric();
    metric.address = dynatrace.address() + "/";
    metric.query = query;
    change.accept(metric);
    Map<String, Map<String, String>> secrets = new HashMap<>(Map.of("dynatrace", secret));
    MeasurementResult result = new DynatraceProvider(HttpClient.newHttpClient(),
        Requests.secrets(secrets), Clock.fixed(NOW, ZoneOffset.UTC))
        .measure(Requests.dynatrace(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("T0KEN");
    return result;
  }

  /** A MetricData answer of the error rate metric with these series. */
  private static String metricData(String... series) {
    return "{\"totalCount\":" + series.length + ",\"nextPageKey\":null,\"resolution\":\"Inf\","
        + "\"result\":[{\"metricId\":\"builtin:service.errors.total.rate:avg\","
        + "\"dataPointCountRatio\":" + (series.length == 0 ? "0.0" : "1.0E-6")
        + ",\"dimensionCountRatio\":" + (series.length == 0 ? "0.0" : "1.0E-5") + ",\"data\":["
        + String.join(",", series) + "]}]}";
  }

  /** One series of a service, with one value for the whole window (resolution Inf). */
  private static String series(String service, String value) {
    return "{\"dimensions\":[\"" + service + "\"],\"dimensionMap\":{\"dt.entity.service\":\""
        + service + "\"},\"timestamps\":[" + NOW_MS + "],\"values\":[" + value + "]}";
  }
}
