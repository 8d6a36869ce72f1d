package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ramp.api.analysis.SkyWalkingMetric;
import dev.ramp.metrics.FakeSkyWalking.Answer;
import dev.ramp.metrics.FakeSkyWalking.Asked;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SkyWalking provider against {@link FakeSkyWalking}, with metrics written as for Argo
 * Rollouts (address, query and interval) and the query of Argo's SkyWalking documentation.
 * The answers are the shapes of SkyWalking's query protocol (readMetricsValues' MetricsValues,
 * GraphQL errors with a 200).
 */
class SkyWalkingProviderTest {
  private static final String APDEX = """
      query queryData($duration: Duration!) {
        service_apdex: readMetricsValues(
          duration: $duration,
          condition: { name: "service_apdex", entity: { scope: Service,
            serviceName: "checkout", normal: true } }
        ) { label values { values { value } } }
      }""";
  private static final Instant NOW = Instant.parse("2026-12-07T13:45:30Z");

  private static FakeSkyWalking skyWalking;

  @BeforeAll
  static void start() throws IOException {
    skyWalking = new FakeSkyWalking();
    skyWalking.answer(APDEX, Answer.values("service_apdex",
        "[{\"value\": 9950}, {\"value\": 9980}, {\"value\": 10000}]"));
    skyWalking.answer("nothing", Answer.data("{\"service_apdex\": null}"));
    skyWalking.answer("no-points", Answer.values("service_apdex", "[]"));
    skyWalking.answer("partial", Answer.values("service_apdex", "[{\"value\": 9950,"
        + " \"isEmptyValue\": false}, {\"value\": 0, \"isEmptyValue\": true},"
        + " {\"value\": 9990, \"isEmptyValue\": false}]"));
    skyWalking.answer("null-point", Answer.values("service_apdex",
        "[{\"value\": 9950}, {\"value\": null}]"));
    skyWalking.answer("not-a-number", Answer.values("service_apdex", "[{\"value\": NaN}]"));
    skyWalking.answer("bad-query", Answer.graphQlError("Validation error of type FieldUndefined:"
        + " Field 'readMetricValues' in type 'Query' is undefined"));
    skyWalking.answer("malformed", new Answer(200, "<html>proxy login</html>", Map.of()));
    skyWalking.answer("no-data", new Answer(200, "{\"data\": null}", Map.of()));
    skyWalking.answer("behind-a-proxy", new Answer(401, "{\"message\":\"Unauthorized\"}",
        Map.of()));
    String tooMany = "{\"message\":\"Too many requests\"}";
    skyWalking.answer("busy", new Answer(429, tooMany, Map.of("Retry-After", "1")),
        Answer.values("service_apdex", "[{\"value\": 9950}]"));
    skyWalking.answer("throttled", new Answer(429, tooMany, Map.of("Retry-After", "60")));
    skyWalking.answer("broken", new Answer(503, "upstream connect error", Map.of()));
    skyWalking.answer("slow", new Answer(0, null, Map.of()));
  }

  @AfterAll
  static void stop() {
    skyWalking.close();
  }

  @Test
  void theDataIsTheResultAsArgoGivesItAndTheIntervalIsTheDuration() {
    SkyWalkingMetric metric = argoMetric(APDEX);
    metric.interval = "3m";

    MeasurementResult result = measure(metric);

    Map<String, Object> apdex = new HashMap<>();
    apdex.put("label", null); // SkyWalking's label of a metric without labels
    apdex.put("values", Map.of("values", List.of(Map.of("value", 9950),
        Map.of("value", 9980), Map.of("value", 10000))));
    assertThat(result.value()).as(result.message()).isEqualTo(Map.of("service_apdex", apdex));
    assertThat(skyWalking.asked(APDEX)).extracting(Asked::start, Asked::end)
        .containsExactly(tuple("2026-12-07 1342",
            "2026-12-07 1345"));
  }

  @Test
  void theIntervalDefaultsToFiveMinutes() {
    measure(argoMetric("nothing"));

    assertThat(skyWalking.asked("nothing").get(0).start()).isEqualTo("2026-12-07 1340");
  }

  @Test
  void nothingMeasuredAPartialSeriesAndNanAreErrorsQuotingTheAnswer() {
    assertThat(measure(argoMetric("nothing")).message()).isEqualTo("SkyWalking query"
        + " \"nothing\": SkyWalking at " + skyWalking.address() + "/graphql answered 200, but"
        + " service_apdex is null: nothing was measured: {\"data\":{\"service_apdex\": null}}");
    assertThat(measure(argoMetric("no-points")).message()).contains(" answered 200, but"
        + " service_apdex.values.values has no values: nothing was measured: {\"data\"");
    assertThat(measure(argoMetric("partial")).message()).contains(" answered 200, but"
        + " service_apdex.values.values has no value at 1 of 3 points: a partial series,"
        + " which proves nothing: {\"data\"");
    assertThat(measure(argoMetric("null-point")).message()).contains(" answered 200, but"
        + " service_apdex.values.values has no value at 1 of 2 points");
    assertThat(measure(argoMetric("not-a-number")).message()).contains(" answered 200, but"
        + " service_apdex.values.values[0].value is NaN: {\"data\"");
  }

  @Test
  void graphQlErrorsAndMalformedAnswersAreErrors() {
    assertThat(measure(argoMetric("bad-query")).message()).isEqualTo("SkyWalking query"
        + " \"bad-query\": SkyWalking at " + skyWalking.address() + "/graphql answered 200, but"
        + " with errors (Validation error of type FieldUndefined: Field 'readMetricValues' in"
        + " type 'Query' is undefined): {\"errors\":[{\"message\":\"Validation error of type"
        + " FieldUndefined: Field 'readMetricValues' in type 'Query' is undefined\"}]}");
    assertThat(measure(argoMetric("malformed")).message()).endsWith(" answered 200, but it is"
        + " not JSON: <html>proxy login</html>");
    assertThat(measure(argoMetric("no-data")).message()).endsWith(" answered 200, but it has"
        + " no data: {\"data\": null}");
  }

  @Test
  void aRefusalSaysNothingWasSentToAuthenticate() {
    assertThat(measure(argoMetric("behind-a-proxy")).message()).isEqualTo("SkyWalking query"
        + " \"behind-a-proxy\": SkyWalking at " + skyWalking.address() + "/graphql refused a"
        + " request without credentials (401): {\"message\":\"Unauthorized\"}");
  }

  @Test
  void retryAfterIsWaitedOutWithinTheTimeoutAndALongOneIsTold() {
    MeasurementResult busy = measure(argoMetric("busy"));

    assertThat(busy.value()).as(busy.message()).isNotNull();
    List<Asked> asked = skyWalking.asked("busy");
    assertThat(asked).hasSize(2);
    assertThat(Duration.ofNanos(asked.get(1).atNanos() - asked.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(measure(argoMetric("throttled")).message()).isEqualTo("SkyWalking query"
        + " \"throttled\": SkyWalking at " + skyWalking.address() + "/graphql is rate limiting"
        + " (429) and asks to wait 1m: {\"message\":\"Too many requests\"}");
    assertThat(skyWalking.asked("throttled")).hasSize(1);
  }

  @Test
  void aServerFailureATimeoutAndAnUnreachableServerAreErrorsNamingTheQuery() {
    assertThat(measure(argoMetric("broken")).message()).isEqualTo("SkyWalking query"
        + " \"broken\": SkyWalking at " + skyWalking.address() + "/graphql failed (503):"
        + " upstream connect error");
    SkyWalkingMetric slow = argoMetric("slow");
    slow.timeout = new IntOrString("500ms");
    assertThat(measure(slow).message()).isEqualTo("SkyWalking query \"slow\": SkyWalking at "
        + skyWalking.address() + "/graphql did not answer within 500ms");
    SkyWalkingMetric nowhere = argoMetric(APDEX);
    nowhere.address = "http://127.0.0.1:" + LoopbackHttp.closedPort();
    assertThat(measure(nowhere).message()).endsWith("/graphql could not be reached:"
        + " connection refused");
  }

  @Test
  void aBadAddressIntervalOrQueryIsToldBeforeAnythingIsSent() {
    SkyWalkingMetric noAddress = argoMetric("nothing");
    noAddress.address = "skywalking-oap:12800";
    assertThat(measure(noAddress).message()).isEqualTo("SkyWalking query \"nothing\": the"
        + " SkyWalking address is not a valid http or https URL");
    SkyWalkingMetric badInterval = argoMetric("nothing");
    badInterval.interval = "3 minutes";
    assertThat(measure(badInterval).message()).isEqualTo("SkyWalking query \"nothing\":"
        + " interval \"3 minutes\" is not a positive duration: write 30s, 5m or 1h");
    assertThat(measure(argoMetric(" ")).message()).isEqualTo("SkyWalking query \"\": it is"
        + " empty");
  }

  private static MeasurementResult measure(SkyWalkingMetric metric) {
    return new SkyWalkingProvider(HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC))
        .measure(Requests.skywalking(metric));
  }

  /** As Argo Rollouts users write it: the OAP's address and the query. */
  private static SkyWalkingMetric argoMetric(String query) {
    SkyWalkingMetric metric = new SkyWalkingMetric();
    metric.address = skyWalking.address();
    metric.query = query;
    return metric;
  }
}
