package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ramp.api.analysis.DatadogMetric;
import dev.ramp.metrics.FakeDatadog.Answer;
import dev.ramp.metrics.FakeDatadog.Asked;
import dev.ramp.metrics.MeasurementResult.State;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Datadog metrics, written as Argo Rollouts' templates write them, measured from
 * {@link FakeDatadog}. The answers are the documented response shapes of the API reference's
 * "Metrics" page (docs.datadoghq.com/api/latest/metrics/): v1's {@code series[].pointlist} of
 * "Query timeseries points", v2's {@code data.attributes} with {@code times} and {@code values}
 * of "Query timeseries data across multiple products", and the {@code {"errors": […]}} bodies of
 * their 400, 401, 403, 429 and 5xx responses; the 429's {@code X-RateLimit-Reset} is from "Rate
 * Limits" (docs.datadoghq.com/api/latest/rate-limits/).
 */
class DatadogProviderTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final long NOW_MS = NOW.toEpochMilli();
  private static final Map<String, String> KEYS = Map.of("api-key", FakeDatadog.API_KEY,
      "app-key", FakeDatadog.APP_KEY);

  private static FakeDatadog datadog;

  @BeforeAll
  static void start() throws IOException {
    datadog = new FakeDatadog();
    datadog.answer("sum:requests.error.rate{service:checkout}", Answer.ok(v1(
        "[" + (NOW_MS - 120_000) + ".0, 0.5], [" + (NOW_MS - 60_000) + ".0, 0.25]")));
    datadog.answer("moving_rollup(a, 60, 'sum') / b", Answer.ok(v2(List.of(List.of()),
        List.of(List.of(0.01, 0.02, 0.03)))));
    datadog.answer("sum:requests{service:checkout} by {region}", Answer.ok(v2(
        List.of(List.of("region:eu"), List.of("region:us")),
        List.of(List.of(4.0, 5.0, 6.0), List.of(1.0, 2.0, 3.0)))));
    datadog.answer("no-series", Answer.ok("{\"status\":\"ok\",\"res_type\":\"time_series\","
        + "\"resp_version\":1,\"query\":\"no-series\",\"from_date\":" + (NOW_MS - 300_000)
        + ",\"to_date\":" + NOW_MS + ",\"series\":[],\"group_by\":[],\"message\":\"\"}"));
    datadog.answer("no-points", Answer.ok(v1("")));
    datadog.answer("gap", Answer.ok(v2(List.of(List.of()), Arrays.asList(
        Arrays.asList(0.5, null, 0.25)))));
    datadog.answer("nan", Answer.ok(v1("[" + NOW_MS + ".0, NaN]")));
    datadog.answer("cut", Answer.ok(v2(List.of(List.of()), List.of(List.of(0.5)))));
    datadog.answer("html", new Answer(200, "<html><body>Datadog status page</body></html>",
        Map.of()));
    datadog.answer("v1-error", Answer.ok("{\"status\":\"error\",\"res_type\":\"time_series\","
        + "\"series\":[],\"error\":\"Error parsing query: unable to parse nope{: Rule 'scope'"
        + " didn't match\"}"));
    datadog.answer("v2-error", Answer.ok("{\"data\":{\"type\":\"timeseries_response\","
        + "\"attributes\":{\"series\":[],\"times\":[],\"values\":[]}},"
        + "\"errors\":\"Invalid query input: unknown function 'nope'\"}"));
    datadog.answer("unauthorized", new Answer(401, "{\"errors\":[\"Unauthorized\"]}",
        Map.of()));
    datadog.answer("echo", new Answer(400, "{\"errors\":[\"key " + FakeDatadog.API_KEY
        + " is not valid for app key " + FakeDatadog.APP_KEY + "\"]}", Map.of()));
    String tooMany = "{\"errors\":[\"Too many requests\"]}";
    datadog.answer("busy", new Answer(429, tooMany, Map.of("X-RateLimit-Limit", "100",
        "X-RateLimit-Period", "10", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1")),
        Answer.ok(v1("[" + NOW_MS + ".0, 0.75]")));
    datadog.answer("throttled", new Answer(429, tooMany, Map.of("X-RateLimit-Reset", "60")));
    datadog.answer("broken", new Answer(503, "{\"errors\":[\"Service Unavailable\"]}",
        Map.of()));
    datadog.answer("slow", new Answer(0, null, Map.of()));
  }

  @AfterAll
  static void stop() {
    datadog.close();
  }

  @Test
  void anArgoV1QueryIsTheLastPointOfTheLastFiveMinutes() {
    MeasurementResult result = measure(metric -> { }, "sum:requests.error.rate{service:checkout}");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(0.25);
    Asked asked = datadog.asked("sum:requests.error.rate{service:checkout}").get(0);
    assertThat(asked.to()).isEqualTo(NOW_MS);
    assertThat(asked.from()).isEqualTo(NOW_MS - Duration.ofMinutes(5).toMillis());
  }

  @Test
  void v2QueriesAndAFormulaAreSentByNameAndAggregatedOverTheInterval() {
    MeasurementResult result = measure(metric -> {
      metric.apiVersion = "v2";
      metric.queries = Map.of("a", "sum:requests.errors{service:checkout}.as_count()",
          "b", "sum:requests{service:checkout}.as_count()");
      metric.formula = "moving_rollup(a, 60, 'sum') / b";
      metric.interval = "10m";
      metric.aggregator = "sum";
    }, null);

    assertThat((Double) result.value()).as(result.message()).isCloseTo(0.06,
        offset(1e-12));
    Asked asked = datadog.asked("moving_rollup(a, 60, 'sum') / b").get(0);
    assertThat(asked.queries()).isEqualTo(Map.of(
        "a", "sum:requests.errors{service:checkout}.as_count()",
        "b", "sum:requests{service:checkout}.as_count()"));
    assertThat(asked.from()).isEqualTo(NOW_MS - Duration.ofMinutes(10).toMillis());
    assertThat(asked.to()).isEqualTo(NOW_MS);
  }

  @Test
  void aGroupedQueryGivesOneValuePerSeriesInTheAnswersOrder() {
    MeasurementResult result = measure(metric -> {
      metric.apiVersion = "v2";
      metric.aggregator = "max";
    }, "sum:requests{service:checkout} by {region}");

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(6.0, 3.0));
  }

  @Test
  void noSeriesNoPointsAGapNaNAndACutSeriesAreErrorsNotValues() {
    assertThat(measure("no-series").message()).startsWith("Datadog query \"no-series\":"
        + " Datadog at " + datadog.address() + "/ answered 200, but it has no series: nothing"
        + " was measured in the interval: {\"status\":\"ok\"");
    assertThat(measure("no-points").message()).contains("answered 200, but series"
        + " service:checkout has no points: ");
    assertThat(measure(metric -> metric.apiVersion = "v2", "gap").message())
        .contains("answered 200, but series of query 0 has no value at point 2 of 3: a partial"
            + " series, which proves nothing: {\"data\":");
    assertThat(measure("nan").message()).contains("answered 200, but series service:checkout"
        + " is NaN at point 1 of 1: ");
    assertThat(measure(metric -> metric.apiVersion = "v2", "cut").message())
        .contains("answered 200, but series of query 0 has 1 values for 3 times: a partial"
            + " series: ");
  }

  @Test
  void aMalformedAnswerAndAQueryErrorAreToldWithTheAnswersFirstBytes() {
    assertThat(measure("html").message()).isEqualTo("Datadog query \"html\": Datadog at "
        + datadog.address() + "/ answered 200, but the answer is not JSON: <html><body>Datadog"
        + " status page</body></html>");
    assertThat(measure("v1-error").message()).startsWith("Datadog query \"v1-error\": Datadog"
        + " at " + datadog.address() + "/ answered 200, but the query failed: Error parsing"
        + " query: unable to parse nope{: Rule 'scope' didn't match: {\"status\":\"error\"");
    assertThat(measure(metric -> metric.apiVersion = "v2", "v2-error").message())
        .contains("answered 200, but the query failed: Invalid query input: unknown function"
            + " 'nope': {\"data\":");
  }

  @Test
  void refusedKeysAreNamedByTheirSecretAndNeverShown() {
    MeasurementResult forbidden = measure(metric -> { },
        "sum:requests.error.rate{service:checkout}",
        Map.of("api-key", "wr0ng-api-k3y", "app-key", "wr0ng-app-k3y"));
    assertThat(forbidden.message()).isEqualTo("Datadog query"
        + " \"sum:requests.error.rate{service:checkout}\": Datadog at " + datadog.address()
        + "/ refused the api-key and app-key of Secret datadog (403): {\"errors\":"
        + "[\"Forbidden\"]}");

    assertThat(measure("unauthorized").message()).endsWith(" refused the api-key and app-key"
        + " of Secret datadog (401): {\"errors\":[\"Unauthorized\"]}");
    assertThat(measure("echo").message()).endsWith(" answered 400: {\"errors\":[\"key"
        + " <redacted> is not valid for app key <redacted>\"]}");
  }

  @Test
  void datadogsRateLimitResetIsWaitedOutWithinTheTimeoutAndALongOneIsTold() {
    MeasurementResult busy = measure("busy");

    assertThat(busy.value()).as(busy.message()).isEqualTo(0.75);
    List<Asked> asked = datadog.asked("busy");
    assertThat(asked).hasSize(2);
    assertThat(Duration.ofNanos(asked.get(1).atNanos() - asked.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(measure("throttled").message()).isEqualTo("Datadog query \"throttled\": Datadog"
        + " at " + datadog.address() + "/ is rate limiting (429) and asks to wait 1m:"
        + " {\"errors\":[\"Too many requests\"]}");
    assertThat(datadog.asked("throttled")).hasSize(1);
  }

  @Test
  void aServerFailureAndATimeoutAreErrorsNamingTheQuery() {
    assertThat(measure("broken").message()).isEqualTo("Datadog query \"broken\": Datadog at "
        + datadog.address() + "/ failed (503): {\"errors\":[\"Service Unavailable\"]}");
    assertThat(measure(metric -> metric.requestTimeout = new IntOrString("500ms"), "slow")
        .message()).isEqualTo("Datadog query \"slow\": Datadog at " + datadog.address()
            + "/ did not answer within 500ms");
  }

  @Test
  void fieldsDatadogsApiCannotTakeAreToldBeforeAnythingIsSent() {
    assertThat(measure(metric -> metric.formula = "a / b", "q").message())
        .isEqualTo("queries and formula need apiVersion: v2");
    assertThat(measure(metric -> {
      metric.apiVersion = "v2";
      metric.queries = Map.of("a", "q");
    }, "q").message()).isEqualTo("write either query or queries");
    assertThat(measure(metric -> {
      metric.apiVersion = "v2";
      metric.queries = Map.of("a", "q", "b", "r");
    }, null).message()).isEqualTo("several queries need a formula that combines them");
    assertThat(measure(metric -> {
      metric.apiVersion = "v2";
      metric.formula = "q * 100";
    }, "q").message()).isEqualTo("a formula combines named queries: write queries, not query");
    assertThat(measure(metric -> metric.interval = "5 minutes", "q").message())
        .isEqualTo("interval \"5 minutes\" is not a positive duration: write 30s, 5m or 1h");
    assertThat(measure(metric -> metric.aggregator = "p99", "q").message())
        .isEqualTo("aggregator \"p99\" is not one of last, avg, mean, min, max, sum, l2norm");
    assertThat(measure(metric -> metric.apiVersion = "v3", "q").message())
        .isEqualTo("apiVersion \"v3\" is not one of Datadog's query APIs: write v1 or v2");
  }

  @Test
  void theSecretIsTheOneSecretRefNamesInTheRunsNamespaceAndMustHoldBothKeys() {
    DatadogMetric metric = metric("sum:requests.error.rate{service:checkout}");
    metric.secretRef = new DatadogMetric.SecretRef();
    metric.secretRef.name = "dd-team-a";
    metric.secretRef.namespaced = true;
    Secrets secrets = Requests.secrets(Map.of("dd-team-a", withAddress(KEYS),
        "datadog", withAddress(Map.of("api-key", FakeDatadog.API_KEY))));

    assertThat(provider(secrets).measure(Requests.datadog(metric)).value()).isEqualTo(0.25);
    metric.secretRef = null;
    assertThat(provider(secrets).measure(Requests.datadog(metric)).message())
        .isEqualTo("Secret datadog has no app-key, which Datadog's query API needs");
    metric.secretRef = new DatadogMetric.SecretRef();
    metric.secretRef.name = "elsewhere";
    assertThat(provider(secrets).measure(Requests.datadog(metric)).message())
        .isEqualTo("Datadog's keys, Secret elsewhere in namespace default, does not exist");
  }

  private static MeasurementResult measure(String query) {
    return measure(metric -> { }, query);
  }

  private static MeasurementResult measure(Consumer<DatadogMetric> change, String query) {
    return measure(change, query, KEYS);
  }

  private static MeasurementResult measure(Consumer<DatadogMetric> change, String query,
      Map<String, String> keys) {
    DatadogMetric metric = metric(query);
    change.accept(metric);
    MeasurementResult result = provider(Requests.secrets(Map.of("datadog", withAddress(keys))))
        .measure(Requests.datadog(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("k3y");
    return result;
  }

  private static DatadogProvider provider(Secrets secrets) {
    return new DatadogProvider(HttpClient.newHttpClient(), secrets,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** An Argo Rollouts datadog metric: a query and nothing else. */
  private static DatadogMetric metric(String query) {
    DatadogMetric metric = new DatadogMetric();
    metric.query = query;
    return metric;
  }

  /** The Secret's values with the fake's address, with a trailing slash as users write it. */
  private static Map<String, String> withAddress(Map<String, String> keys) {
    Map<String, String> values = new HashMap<>(keys);
    values.put("address", datadog.address() + "/");
    return values;
  }

  /** A v1 answer of one series, service:checkout, with these points. */
  private static String v1(String points) {
    return "{\"status\":\"ok\",\"res_type\":\"time_series\",\"resp_version\":1,"
        + "\"query\":\"sum:requests.error.rate{service:checkout}\",\"from_date\":"
        + (NOW_MS - 300_000) + ",\"to_date\":" + NOW_MS + ",\"series\":[{\"metric\":"
        + "\"requests.error.rate\",\"display_name\":\"requests.error.rate\",\"unit\":null,"
        + "\"pointlist\":[" + points + "],\"interval\":60,\"aggr\":\"sum\",\"scope\":"
        + "\"service:checkout\",\"expression\":\"sum:requests.error.rate{service:checkout}\","
        + "\"tag_set\":[]}],\"group_by\":[],\"message\":\"\"}";
  }

  /** A v2 answer over three times a minute apart: each series' group tags and values. */
  private static String v2(List<List<String>> groupTags, List<List<Double>> values) {
    StringBuilder series = new StringBuilder();
    for (List<String> tags : groupTags) {
      series.append(series.length() == 0 ? "" : ",").append("{\"group_tags\":")
          .append(json(tags)).append(",\"query_index\":0,\"unit\":[{\"family\":\"general\","
              + "\"name\":\"request\",\"plural\":\"requests\",\"scale_factor\":1.0,"
              + "\"short_name\":\"req\"},null]}");
    }
    return "{\"data\":{\"type\":\"timeseries_response\",\"id\":\"0\",\"attributes\":{"
        + "\"series\":[" + series + "],\"times\":[" + (NOW_MS - 120_000) + ","
        + (NOW_MS - 60_000) + "," + NOW_MS + "],\"values\":" + json(values) + "}}}";
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
