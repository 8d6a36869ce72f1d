package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.metrics.FakeDatadog.Answer;
import dev.ramp.metrics.FakeDatadog.Asked;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compare metric's Datadog counters, read from {@link FakeDatadog}: each side's count
 * series summed since 00:00 UTC. The answers are the documented shapes of "Query timeseries
 * points" (v1) and "Query timeseries data across multiple products" (v2) of
 * docs.datadoghq.com/api/latest/metrics/, where a v2 interval without a count is null.
 */
class DatadogCountersTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final long MIDNIGHT_MS = Instant.parse("2026-12-07T00:00:00Z").toEpochMilli();
  private static final String ERRORS = "sum:requests.errors{version:{{revision}}}.as_count()";
  private static final String REQUESTS = "sum:requests{version:{{revision}}}.as_count()";

  private static FakeDatadog datadog;

  @BeforeAll
  static void start() throws IOException {
    datadog = new FakeDatadog();
    // the canary: 30 errors in 1000 requests; the stable: 9 in 9000; n3w: nothing yet
    datadog.answer(errors("c4n4ry"), Answer.ok(v2("[10.0, null, 20.0]")));
    datadog.answer(requests("c4n4ry"), Answer.ok(v2("[400.0, 250.0, 350.0]")));
    datadog.answer(errors("st4bl3"), Answer.ok(v2("[null, 9.0, null]")));
    datadog.answer(requests("st4bl3"), Answer.ok(v2("[3000.0, 3000.0, 3000.0]")));
    datadog.answer(errors("n3w"), Answer.ok("{\"data\":{\"type\":\"timeseries_response\","
        + "\"id\":\"0\",\"attributes\":{\"series\":[],\"times\":[],\"values\":[]}}}"));
    datadog.answer(requests("n3w"), Answer.ok("{\"data\":{\"type\":\"timeseries_response\","
        + "\"id\":\"0\",\"attributes\":{\"series\":[],\"times\":[],\"values\":[]}}}"));
    datadog.answer("by-code c4n4ry", Answer.ok("{\"data\":{\"type\":\"timeseries_response\","
        + "\"attributes\":{\"series\":[{\"group_tags\":[\"code:500\"],\"query_index\":0},"
        + "{\"group_tags\":[\"code:503\"],\"query_index\":0}],\"times\":[" + MIDNIGHT_MS
        + "],\"values\":[[20.0],[10.0]]}}}"));
    datadog.answer("v1 c4n4ry", Answer.ok("{\"status\":\"ok\",\"res_type\":\"time_series\","
        + "\"series\":[{\"scope\":\"version:c4n4ry\",\"pointlist\":[[" + MIDNIGHT_MS
        + ".0,12.0],[" + (MIDNIGHT_MS + 3_600_000) + ".0,18.0]]}]}"));
    datadog.answer("v1 st4bl3", Answer.ok("{\"status\":\"ok\",\"res_type\":\"time_series\","
        + "\"series\":[]}"));
  }

  @AfterAll
  static void stop() {
    datadog.close();
  }

  @Test
  void eachSidesCountsAreSummedSinceMidnightUtcWithEmptyIntervalsAsZero() {
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> { });

    assertThat(result.value()).as(result.message())
        .isEqualTo(new CounterReading(30, 1000, 9, 9000));
    Asked asked = datadog.asked(errors("c4n4ry")).get(0);
    assertThat(asked.from()).isEqualTo(MIDNIGHT_MS);
    assertThat(asked.to()).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void aRevisionWithoutSeriesYetHasCountedNothing() {
    assertThat(measure("n3w", "st4bl3", counters -> { }).value())
        .isEqualTo(new CounterReading(0, 0, 9, 9000));
  }

  @Test
  void severalSeriesAreAnErrorAskingForOneCount() {
    MeasurementResult result = measure("c4n4ry", "st4bl3",
        counters -> counters.events = "by-code {{revision}}");

    assertThat(result.message()).startsWith("canary revision c4n4ry: the events query:"
        + " Datadog query \"by-code c4n4ry\": Datadog at " + datadog.address() + " answered"
        + " 200, but it has 2 series; the query must count into one, e.g."
        + " sum:…{…}.as_count() without by {…}: {\"data\":");
  }

  @Test
  void v1CountsAreReadToo() {
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> {
      counters.apiVersion = null;
      counters.events = "v1 {{revision}}";
      counters.requests = "v1 {{revision}}";
    });

    assertThat(result.value()).as(result.message()).isEqualTo(new CounterReading(30, 30, 0, 0));
  }

  @Test
  void aQueryWithoutTheRevisionIsRefusedBeforeAnythingIsSent() {
    assertThat(measure("c4n4ry", "st4bl3", counters -> counters.requests = REQUESTS
        .replace("{{revision}}", "c4n4ry")).message()).isEqualTo("the requests query has no"
            + " {{revision}}, so the canary and the stable revision would read the same"
            + " counter");
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<CompareMetric.DatadogCounters> change) {
    CompareMetric.DatadogCounters counters = new CompareMetric.DatadogCounters();
    counters.apiVersion = "v2";
    counters.events = ERRORS;
    counters.requests = REQUESTS;
    change.accept(counters);
    CompareMetric compare = Requests.compare(canary, stable);
    compare.datadog = counters;
    Map<String, String> keys = new HashMap<>(Map.of("api-key", FakeDatadog.API_KEY,
        "app-key", FakeDatadog.APP_KEY, "address", datadog.address()));
    MeasurementResult result = new CompareProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("datadog", keys)), Clock.fixed(NOW, ZoneOffset.UTC))
        .measure(Requests.compare(compare));
    assertThat(String.valueOf(result.message())).doesNotContain("k3y");
    return result;
  }

  private static String errors(String revision) {
    return ERRORS.replace("{{revision}}", revision);
  }

  private static String requests(String revision) {
    return REQUESTS.replace("{{revision}}", revision);
  }

  /** A v2 answer of one series with these values, an hour apart from midnight. */
  private static String v2(String values) {
    return "{\"data\":{\"type\":\"timeseries_response\",\"id\":\"0\",\"attributes\":{"
        + "\"series\":[{\"group_tags\":[],\"query_index\":0,\"unit\":null}],\"times\":["
        + MIDNIGHT_MS + "," + (MIDNIGHT_MS + 3_600_000) + "," + (MIDNIGHT_MS + 7_200_000)
        + "],\"values\":[" + values + "]}}}";
  }
}
