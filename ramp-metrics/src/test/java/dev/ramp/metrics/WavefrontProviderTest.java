package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.WavefrontMetric;
import dev.ramp.metrics.FakeWavefront.Answer;
import dev.ramp.metrics.FakeWavefront.Asked;
import io.fabric8.kubernetes.api.model.IntOrString;
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
 * Wavefront metrics, written as Argo Rollouts' templates write them (address and query), with
 * the token in Secret wavefront-api-tokens, measured from {@link FakeWavefront}. The answers are
 * the QueryResult of "Query Api" (GET /api/v2/chart/api) with the "Timeseries" data structure of
 * the Operations for Applications REST API; a query Wavefront could not run answers
 * {@code errorType} and {@code errorMessage}, as the query of a failed chart does.
 */
class WavefrontProviderTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final long NOW_S = NOW.getEpochSecond();
  private static final String ERROR_RATE = "sum(rate(ts(requests.errors, version=\"v2\")))"
      + " / sum(rate(ts(requests, version=\"v2\")))";

  private static FakeWavefront wavefront;

  @BeforeAll
  static void start() throws IOException {
    wavefront = new FakeWavefront();
    wavefront.answer(ERROR_RATE, Answer.ok(chart(ERROR_RATE, series("", "[" + NOW_S
        + ", 0.012]"))));
    wavefront.answer("by-host", Answer.ok(chart("by-host",
        series("\"host\": \"web-1\",", "[" + NOW_S + ", 0.5]"),
        series("\"host\": \"web-2\",", "[" + NOW_S + ", 0.25]"))));
    wavefront.answer("nothing", Answer.ok("{\"query\": \"nothing\", \"name\": \"nothing\","
        + " \"granularity\": 1, \"stats\": {\"keys\": 0, \"points\": 0}}"));
    wavefront.answer("no-points", Answer.ok(chart("no-points", series("", ""))));
    wavefront.answer("gap", Answer.ok(chart("gap", series("", "[" + (NOW_S - 1) + ", 0.5], ["
        + NOW_S + ", null]"))));
    wavefront.answer("cut", Answer.ok(chart("cut", series("", "[" + NOW_S + "]"))));
    wavefront.answer("nan", Answer.ok(chart("nan", series("", "[" + NOW_S + ", NaN]"))));
    wavefront.answer("html", new Answer(200, "<html><body>Sign in</body></html>", Map.of()));
    wavefront.answer("failed", Answer.ok("{\"query\": \"failed\", \"errorType\":"
        + " \"QueryExecutionFailed\", \"errorMessage\": \"Terminating Query to save"
        + " resources\"}"));
    wavefront.answer("forbidden", new Answer(403, "{\"status\": {\"result\": \"ERROR\","
        + " \"message\": \"the token may not query metrics\", \"code\": 403}}", Map.of()));
    wavefront.answer("echo", new Answer(400, "{\"status\": {\"result\": \"ERROR\","
        + " \"message\": \"bad token " + FakeWavefront.TOKEN + "\", \"code\": 400}}", Map.of()));
    String tooMany = "{\"status\": {\"result\": \"ERROR\", \"message\": \"Too many"
        + " requests\", \"code\": 429}}";
    wavefront.answer("busy", new Answer(429, tooMany, Map.of("Retry-After", "1")),
        Answer.ok(chart("busy", series("", "[" + NOW_S + ", 7]"))));
    wavefront.answer("throttled", new Answer(429, tooMany, Map.of("Retry-After", "60")));
    wavefront.answer("broken", new Answer(503, "{\"status\": {\"result\": \"ERROR\","
        + " \"message\": \"Service Unavailable\", \"code\": 503}}", Map.of()));
    wavefront.answer("slow", new Answer(0, null, Map.of()));
  }

  @AfterAll
  static void stop() {
    wavefront.close();
  }

  @Test
  void anArgoQueryIsTheValueItsSeriesHasNowAsArgoAsksForIt() {
    MeasurementResult result = measure(ERROR_RATE);

    assertThat(result.value()).as(result.message()).isEqualTo(0.012);
    Asked asked = wavefront.asked(ERROR_RATE).get(0);
    assertThat(asked.parameters()).isEqualTo(Map.of("q", ERROR_RATE,
        "s", String.valueOf(NOW.toEpochMilli()), "g", "s", "p", "1", "i", "false"));
  }

  @Test
  void severalSeriesAreAListInTheAnswersOrder() {
    assertThat(measure("by-host").value()).isEqualTo(List.of(0.5, 0.25));
  }

  @Test
  void noSeriesNoPointsAGapACutPointAndNanAreErrorsQuotingTheAnswer() {
    assertThat(measure("nothing").message()).isEqualTo("Wavefront query \"nothing\": Wavefront"
        + " at " + wavefront.address() + " answered 200, but it has no series: nothing was"
        + " measured: {\"query\": \"nothing\", \"name\": \"nothing\", \"granularity\": 1,"
        + " \"stats\": {\"keys\": 0, \"points\": 0}}");
    assertThat(measure("no-points").message()).contains("answered 200, but series"
        + " requests.errors{env=prod} has no points: {\"query\"");
    assertThat(measure("gap").message()).contains("answered 200, but series"
        + " requests.errors{env=prod} has no value at point 2 of 2: a partial series, which"
        + " proves nothing: {\"query\"");
    assertThat(measure("cut").message()).contains("answered 200, but series"
        + " requests.errors{env=prod} has a point that is not [time, value]: a partial"
        + " series: {\"query\"");
    assertThat(measure("nan").message()).contains("answered 200, but series"
        + " requests.errors{env=prod} is NaN at point 1 of 1: {\"query\"");
  }

  @Test
  void aMalformedAnswerAndAFailedQueryAreErrorsWithTheAnswersFirstBytes() {
    assertThat(measure("html").message()).isEqualTo("Wavefront query \"html\": Wavefront at "
        + wavefront.address() + " answered 200, but the answer is not JSON: <html><body>Sign"
        + " in</body></html>");
    assertThat(measure("failed").message()).isEqualTo("Wavefront query \"failed\": Wavefront"
        + " at " + wavefront.address() + " answered 200, but the query failed:"
        + " QueryExecutionFailed: Terminating Query to save resources: {\"query\": \"failed\","
        + " \"errorType\": \"QueryExecutionFailed\", \"errorMessage\": \"Terminating Query to"
        + " save resources\"}");
  }

  @Test
  void aRefusedTokenIsNamedByItsKeyAndSecretNeverShown() {
    assertThat(measure(tokens -> tokens.put("127.0.0.1", "wf-wr0ng-t0ken"), argoMetric(
        ERROR_RATE)).message()).endsWith(" refused the token in key 127.0.0.1 of Secret"
            + " wavefront-api-tokens (401): {\"status\":{\"result\":\"ERROR\",\"message\":"
            + "\"Unauthorized: the token is not valid\",\"code\":401}}");
    assertThat(measure("forbidden").message()).endsWith(" refused the token in key"
        + " 127.0.0.1 of Secret wavefront-api-tokens (403): {\"status\": {\"result\": \"ERROR\","
        + " \"message\": \"the token may not query metrics\", \"code\": 403}}");
    assertThat(measure("echo").message()).endsWith(" answered 400: {\"status\": {\"result\":"
        + " \"ERROR\", \"message\": \"bad token <redacted>\", \"code\": 400}}");
  }

  @Test
  void retryAfterIsWaitedOutWithinTheTimeoutAndALongOneIsTold() {
    MeasurementResult busy = measure("busy");

    assertThat(busy.value()).as(busy.message()).isEqualTo(7.0);
    List<Asked> asked = wavefront.asked("busy");
    assertThat(asked).hasSize(2);
    assertThat(Duration.ofNanos(asked.get(1).atNanos() - asked.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(measure("throttled").message()).isEqualTo("Wavefront query \"throttled\":"
        + " Wavefront at " + wavefront.address() + " is rate limiting (429) and asks to wait"
        + " 1m: {\"status\": {\"result\": \"ERROR\", \"message\": \"Too many requests\","
        + " \"code\": 429}}");
    assertThat(wavefront.asked("throttled")).hasSize(1);
  }

  @Test
  void aServerFailureAndATimeoutAreErrorsNamingTheQuery() {
    assertThat(measure("broken").message()).isEqualTo("Wavefront query \"broken\": Wavefront"
        + " at " + wavefront.address() + " failed (503): {\"status\": {\"result\": \"ERROR\","
        + " \"message\": \"Service Unavailable\", \"code\": 503}}");
    WavefrontMetric slow = argoMetric("slow");
    slow.timeout = new IntOrString("500ms");
    assertThat(measure(tokens -> { }, slow).message()).isEqualTo("Wavefront query \"slow\":"
        + " Wavefront at " + wavefront.address() + " did not answer within 500ms");
  }

  @Test
  void theTokenIsFoundUnderTheAddressAsWrittenOrItsHostAndAMissingOneIsTold() {
    WavefrontMetric metric = argoMetric(ERROR_RATE);
    assertThat(measure(tokens -> {
      tokens.remove("127.0.0.1");
      tokens.put(wavefront.address(), FakeWavefront.TOKEN);
    }, metric).value()).isEqualTo(0.012);

    assertThat(measure(tokens -> tokens.remove("127.0.0.1"), metric).message())
        .isEqualTo("Secret wavefront-api-tokens has no token for 127.0.0.1: add the API token"
            + " under the key 127.0.0.1");
    metric.address = " ";
    assertThat(measure(tokens -> { }, metric).message()).isEqualTo("address is empty: write"
        + " the Wavefront cluster, e.g. example.wavefront.com");
    MeasurementResult noSecret = provider(Requests.secrets(Map.of()))
        .measure(Requests.wavefront(argoMetric(ERROR_RATE)));
    assertThat(noSecret.message()).isEqualTo("Wavefront's API tokens, Secret"
        + " wavefront-api-tokens in namespace default, does not exist");
  }

  private static MeasurementResult measure(String query) {
    return measure(tokens -> { }, argoMetric(query));
  }

  /** Measures with Secret wavefront-api-tokens holding the token for 127.0.0.1, changed. */
  private static MeasurementResult measure(Consumer<Map<String, String>> change,
      WavefrontMetric metric) {
    Map<String, String> tokens = new HashMap<>(Map.of("127.0.0.1",
        FakeWavefront.TOKEN, "other.wavefront.com", "wf-0ther-t0ken"));
    change.accept(tokens);
    MeasurementResult result = provider(Requests.secrets(Map.of("wavefront-api-tokens",
        tokens))).measure(Requests.wavefront(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("t0ken");
    return result;
  }

  private static WavefrontProvider provider(Secrets secrets) {
    return new WavefrontProvider(HttpClient.newHttpClient(), secrets,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** As Argo Rollouts users write it: the address and the query. */
  private static WavefrontMetric argoMetric(String query) {
    WavefrontMetric metric = new WavefrontMetric();
    metric.address = wavefront.address();
    metric.query = query;
    return metric;
  }

  /** A chart answer with these series, each from {@link #series}. */
  private static String chart(String query, String... series) {
    return "{\"query\": \"" + query.replace("\"", "\\\"") + "\", \"name\": \"q\","
        + " \"timeseries\": [" + String.join(", ", series) + "], \"granularity\": 1,"
        + " \"stats\": {\"keys\": 2, \"points\": 2, \"latency\": 1}}";
  }

  /** A series of requests.errors tagged env=prod, with {@code more} fields and points. */
  private static String series(String more, String points) {
    return "{\"label\": \"requests.errors\", " + more + " \"tags\": {\"env\": \"prod\"},"
        + " \"data\": [" + points + "]}";
  }
}
