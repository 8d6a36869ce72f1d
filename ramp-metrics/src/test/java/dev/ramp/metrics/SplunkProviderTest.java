package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.SplunkMetric;
import dev.ramp.metrics.FakeSplunk.Answer;
import dev.ramp.metrics.FakeSplunk.Asked;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Splunk Observability metrics, written as Flagger's splunk templates write them (address,
 * query, a Secret with sf_token_key), computed by {@link FakeSplunk}. The answers are the
 * server-sent events of "SignalFlow API" (POST /v2/signalflow/execute) carrying the messages of
 * "SignalFlow stream messages": control messages from STREAM_START to END_OF_CHANNEL, a
 * metadata message per time series, data messages of {@code [{tsId, value}]}.
 */
class SplunkProviderTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final long NOW_MS = NOW.toEpochMilli();
  private static final String ERROR_RATE = "errors = data('requests.errors',"
      + " filter=filter('version', 'v2')).sum()\n"
      + "requests = data('requests', filter=filter('version', 'v2')).sum()\n"
      + "(errors / requests).publish('error_rate')";
  private static final String START = control("STREAM_START")
      + "\n\nevent: control-message\ndata: {\"event\":\"JOB_START\",\"handle\":\"Dx1-abc\","
      + "\"timestampMs\":" + NOW_MS + "}";
  private static final String END = control("END_OF_CHANNEL");

  private static FakeSplunk splunk;

  @BeforeAll
  static void start() throws IOException {
    splunk = new FakeSplunk();
    splunk.answer(ERROR_RATE, Answer.stream(START, metadata("AAA", "v2"),
        data(NOW_MS - 60_000, "AAA", "0.5"), data(NOW_MS, "AAA", "0.012"), END));
    splunk.answer("by-version", Answer.stream(START, metadata("AAA", "v1"),
        metadata("BBB", "v2"), data(NOW_MS, "AAA", "0.5") + "\n\n" + data(NOW_MS, "BBB",
            "0.25"), END));
    splunk.answer("nothing", Answer.stream(START, END));
    splunk.answer("no-points", Answer.stream(START, metadata("AAA", "v2"), END));
    splunk.answer("gap", Answer.stream(START, metadata("AAA", "v2"),
        data(NOW_MS - 60_000, "AAA", "null"), data(NOW_MS, "AAA", "0.5"), END));
    splunk.answer("nan", Answer.stream(START, metadata("AAA", "v2"),
        data(NOW_MS, "AAA", "NaN"), END));
    splunk.answer("cut", Answer.stream(START, metadata("AAA", "v2"),
        data(NOW_MS, "AAA", "0.5")));
    splunk.answer("aborted", Answer.stream(START, "event: control-message\ndata:"
        + " {\"event\":\"CHANNEL_ABORT\",\"abortInfo\":{\"sf_job_abortState\":\"FAILED\","
        + "\"sf_job_abortReason\":\"Computation timed out\"},\"timestampMs\":" + NOW_MS + "}"));
    splunk.answer("bad-program", Answer.stream(START, "event: error\ndata: {\"errors\":"
        + "[{\"code\":\"ANALYTICS_PROGRAM_NAME_ERROR\",\"context\":{\"name\":\"dat\"}}]}"));
    splunk.answer("html", new Answer(200, "text/html", "<html><body>Sign in</body></html>",
        Map.of()));
    splunk.answer("not-json", Answer.stream(START, "event: data\ndata: {oops", END));
    splunk.answer("forbidden", Answer.error(403, "The token may not run SignalFlow",
        "FORBIDDEN"));
    splunk.answer("echo", Answer.error(400, "bad token " + FakeSplunk.TOKEN, "BAD_REQUEST"));
    String tooMany = "{\"message\":\"Too many requests\",\"errorType\":\"RATE_LIMITED\"}";
    splunk.answer("busy", new Answer(429, "application/json", tooMany,
        Map.of("Retry-After", "1")), Answer.stream(START, metadata("AAA", "v2"),
            data(NOW_MS, "AAA", "7"), END));
    splunk.answer("throttled", new Answer(429, "application/json", tooMany,
        Map.of("Retry-After", "60")));
    splunk.answer("broken", Answer.error(503, "Service Unavailable", "UNAVAILABLE"));
    splunk.answer("slow", new Answer(0, "text/event-stream", null, Map.of()));
  }

  @AfterAll
  static void stop() {
    splunk.close();
  }

  @Test
  void aFlaggerProgramIsTheLatestValueOfItsSeriesOverTheLastFiveMinutes() {
    MeasurementResult result = measure(ERROR_RATE);

    assertThat(result.value()).as(result.message()).isEqualTo(0.012);
    Asked asked = splunk.asked(ERROR_RATE).get(0);
    assertThat(asked.parameters()).isEqualTo(Map.of("start", String.valueOf(NOW_MS
        - Duration.ofMinutes(5).toMillis()), "stop", String.valueOf(NOW_MS),
        "immediate", "true"));
  }

  @Test
  void severalSeriesAreAListInTheOrderTheirMetadataCameAndTheIntervalIsTheWindow() {
    MeasurementResult result = measure(metric -> metric.interval = "1h", "by-version");

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(0.5, 0.25));
    assertThat(splunk.asked("by-version").get(0).parameters()).containsEntry("start",
        String.valueOf(NOW_MS - Duration.ofHours(1).toMillis()));
  }

  @Test
  void noSeriesNoPointsAGapNanAndACutStreamAreErrorsQuotingTheAnswer() {
    assertThat(measure("nothing").message()).isEqualTo("SignalFlow program \"nothing\": Splunk"
        + " Observability at " + splunk.address() + " answered 200, but it has no series:"
        + " nothing was measured: event: control-message data: {\"event\":\"STREAM_START\","
        + "\"timestampMs\":" + NOW_MS + "} event: control-message data: {\"event\":"
        + "\"JOB_START\",\"handle\":\"Dx1-abc\",\"timestampMs\":" + NOW_MS + "} event:"
        + " control-messa…");
    assertThat(measure("no-points").message()).contains("answered 200, but series"
        + " requests.errors{version=v2} has no points: event: control-message");
    assertThat(measure("gap").message()).contains("answered 200, but series"
        + " requests.errors{version=v2} has no value at point 1 of 2: a partial series, which"
        + " proves nothing: event:");
    assertThat(measure("nan").message()).contains("answered 200, but series"
        + " requests.errors{version=v2} is NaN at point 1 of 1: event:");
    assertThat(measure("cut").message()).contains("answered 200, but the stream ended before"
        + " END_OF_CHANNEL: the computation did not finish: event:");
  }

  @Test
  void anAbortedComputationAFailedProgramAndAMalformedAnswerAreErrors() {
    assertThat(measure("aborted").message()).contains("answered 200, but the computation was"
        + " aborted: {\"sf_job_abortState\":\"FAILED\",\"sf_job_abortReason\":\"Computation"
        + " timed out\"}: event:");
    assertThat(measure("bad-program").message()).contains("answered 200, but the program"
        + " failed: [{\"code\":\"ANALYTICS_PROGRAM_NAME_ERROR\",\"context\":{\"name\":"
        + "\"dat\"}}]: event:");
    assertThat(measure("html").message()).isEqualTo("SignalFlow program \"html\": Splunk"
        + " Observability at " + splunk.address() + " answered 200, but the answer is not a"
        + " stream of server-sent events: <html><body>Sign in</body></html>");
    assertThat(measure("not-json").message()).contains("answered 200, but an event's data is"
        + " not JSON: event:");
  }

  @Test
  void aRefusedTokenIsNamedByItsSecretAndKeyNeverShown() {
    assertThat(measure(metric -> { }, ERROR_RATE, Map.of("sf_token_key", "sfx-WR0NG-T0KEN"))
        .message()).endsWith(" refused the token in key sf_token_key of Secret splunk (401):"
            + " {\"message\":\"Unauthorized\",\"errorType\":\"UNAUTHORIZED\"}");
    assertThat(measure("forbidden").message()).endsWith(" refused the token in key"
        + " sf_token_key of Secret splunk (403): {\"message\":\"The token may not run"
        + " SignalFlow\",\"errorType\":\"FORBIDDEN\"}");
    assertThat(measure("echo").message()).endsWith(" answered 400: {\"message\":\"bad token"
        + " <redacted>\",\"errorType\":\"BAD_REQUEST\"}");
  }

  @Test
  void retryAfterIsWaitedOutWithinTheTimeoutAndALongOneIsTold() {
    MeasurementResult busy = measure("busy");

    assertThat(busy.value()).as(busy.message()).isEqualTo(7.0);
    List<Asked> asked = splunk.asked("busy");
    assertThat(asked).hasSize(2);
    assertThat(Duration.ofNanos(asked.get(1).atNanos() - asked.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(measure("throttled").message()).isEqualTo("SignalFlow program \"throttled\":"
        + " Splunk Observability at " + splunk.address() + " is rate limiting (429) and asks"
        + " to wait 1m: {\"message\":\"Too many requests\",\"errorType\":\"RATE_LIMITED\"}");
    assertThat(splunk.asked("throttled")).hasSize(1);
  }

  @Test
  void aServerFailureAndATimeoutAreErrorsNamingTheProgram() {
    assertThat(measure("broken").message()).isEqualTo("SignalFlow program \"broken\": Splunk"
        + " Observability at " + splunk.address() + " failed (503): {\"message\":\"Service"
        + " Unavailable\",\"errorType\":\"UNAVAILABLE\"}");
    assertThat(measure(metric -> metric.timeout = new IntOrString("500ms"), "slow").message())
        .isEqualTo("SignalFlow program \"slow\": Splunk Observability at " + splunk.address()
            + " did not answer within 500ms");
  }

  @Test
  void theTokenIsTheOneOfTheSecretSecretRefNamesAndAMissingOneIsTold() {
    assertThat(measure(metric -> metric.secretRef = new LocalObjectReference("sfx-team-a"),
        ERROR_RATE, Map.of()).message()).isEqualTo("Splunk Observability's API token, Secret"
            + " sfx-team-a in namespace default, does not exist");
    assertThat(measure(metric -> { }, ERROR_RATE, Map.of("token", FakeSplunk.TOKEN))
        .message()).isEqualTo("Secret splunk has no sf_token_key, the API token Splunk"
            + " Observability needs");
  }

  @Test
  void aRealmsApiOrWebSocketAddressIsAskedAtItsStreamAddressAsFlaggerDoes()
      throws MeasurementException {
    assertThat(SplunkProvider.stream("https://api.us1.signalfx.com"))
        .isEqualTo(URI.create("https://stream.us1.signalfx.com"));
    assertThat(SplunkProvider.stream("wss://stream.eu0.signalfx.com/"))
        .isEqualTo(URI.create("https://stream.eu0.signalfx.com/"));
    assertThat(measure(metric -> metric.address = splunk.address().replace("http://",
        "ws://"), ERROR_RATE).value()).isEqualTo(0.012);
  }

  private static MeasurementResult measure(String program) {
    return measure(metric -> { }, program);
  }

  private static MeasurementResult measure(Consumer<SplunkMetric> change, String program) {
    return measure(change, program, Map.of("sf_token_key", FakeSplunk.TOKEN));
  }

  /** Computes with Secret splunk holding {@code secret}. */
  private static MeasurementResult measure(Consumer<SplunkMetric> change, String program,
      Map<String, String> secret) {
    SplunkMetric metric = new SplunkMetric();
    metric.address = splunk.address();
    metric.query = program;
    change.accept(metric);
    MeasurementResult result = new SplunkProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("splunk", secret)), Clock.fixed(NOW, ZoneOffset.UTC))
        .measure(Requests.splunk(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("T0KEN");
    return result;
  }

  private static String control(String event) {
    return "event: control-message\ndata: {\"event\":\"" + event + "\",\"timestampMs\":"
        + NOW_MS + "}";
  }

  /** The metadata of time series {@code tsId}: requests.errors of a version. */
  private static String metadata(String tsId, String version) {
    return "event: metadata\ndata: {\"tsId\":\"" + tsId + "\",\"properties\":{\"sf_key\":"
        + "[\"sf_originatingMetric\",\"sf_metric\",\"version\"],\"sf_metric\":\"_SF_COMP_"
        + tsId + "\",\"sf_originatingMetric\":\"requests.errors\",\"sf_resolutionMs\":60000,"
        + "\"sf_type\":\"MetricTimeSeries\",\"version\":\"" + version + "\"}}";
  }

  private static String data(long at, String tsId, String value) {
    return "event: data\ndata: {\"data\":[{\"tsId\":\"" + tsId + "\",\"value\":" + value
        + "}],\"logicalTimestampMs\":" + at + "}";
  }
}
