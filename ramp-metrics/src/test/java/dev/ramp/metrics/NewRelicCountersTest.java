package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.metrics.FakeNerdGraph.Answer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compare metric's New Relic counters, read from {@link FakeNerdGraph}: each side's NRQL
 * count since 00:00 UTC. The answers are the shapes of "NerdGraph tutorial: NRQL"
 * (docs.newrelic.com/docs/apis/nerdgraph/examples/nerdgraph-nrql-tutorial/); NRQL's sum of no
 * events is null, its count 0.
 */
class NewRelicCountersTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final String WINDOW = " SINCE "
      + Instant.parse("2026-12-07T00:00:00Z").toEpochMilli() + " UNTIL " + NOW.toEpochMilli();
  private static final String ERRORS =
      "FROM Transaction SELECT count(*) WHERE error IS true AND revision = '{{revision}}'";
  private static final String REQUESTS =
      "FROM Transaction SELECT count(*) WHERE revision = '{{revision}}'";

  private static FakeNerdGraph nerdGraph;

  @BeforeAll
  static void start() throws IOException {
    nerdGraph = new FakeNerdGraph();
    // the canary: 30 errors in 1000 requests; the stable: 9 in 9000; n3w: nothing yet
    nerdGraph.answer(errors("c4n4ry"), Answer.rows("[{\"count\": 30}]"));
    nerdGraph.answer(requests("c4n4ry"), Answer.rows("[{\"count\": 1000}]"));
    nerdGraph.answer(errors("st4bl3"), Answer.rows("[{\"count\": 9}]"));
    nerdGraph.answer(requests("st4bl3"), Answer.rows("[{\"count\": 9000}]"));
    nerdGraph.answer(errors("n3w"), Answer.rows("[]"));
    nerdGraph.answer(requests("n3w"), Answer.rows("[{\"sum.requests\": null}]"));
    nerdGraph.answer("by-code c4n4ry" + WINDOW, Answer.rows("[{\"facet\": \"500\", \"count\":"
        + " 20}, {\"facet\": \"503\", \"count\": 10}]"));
    nerdGraph.answer("two c4n4ry" + WINDOW, Answer.rows("[{\"count\": 20, \"sum\": 10}]"));
    nerdGraph.answer("nan c4n4ry" + WINDOW, Answer.rows("[{\"ratio\": NaN}]"));
  }

  @AfterAll
  static void stop() {
    nerdGraph.close();
  }

  @Test
  void eachSidesCountsAreReadSinceMidnightUtc() {
    MeasurementResult result = measure(counters -> { });

    assertThat(result.value()).as(result.message())
        .isEqualTo(new CounterReading(30, 1000, 9, 9000));
    assertThat(nerdGraph.asked(errors("c4n4ry"))).hasSize(1);
  }

  @Test
  void aRevisionWithoutRowsOrWithANullCountHasCountedNothing() {
    assertThat(measure("n3w", "st4bl3", counters -> { }).value())
        .isEqualTo(new CounterReading(0, 0, 9, 9000));
  }

  @Test
  void severalRowsOrColumnsAndNanAreErrorsAskingForOneCount() {
    assertThat(measure(counters -> counters.events = "by-code {{revision}}").message())
        .startsWith("canary revision c4n4ry: the events query: NRQL query \"by-code c4n4ry"
            + WINDOW + "\": New Relic NerdGraph at " + nerdGraph.url() + " answered 200, but"
            + " it has 2 rows; the query must count into one, e.g. without FACET: {\"data\":");
    assertThat(measure(counters -> counters.events = "two {{revision}}").message())
        .contains("but its row has columns [count, sum]; the query must select one count,"
            + " e.g. SELECT count(*): {\"data\":");
    assertThat(measure(counters -> counters.events = "nan {{revision}}").message())
        .contains("but its count is NaN: {\"data\":");
  }

  @Test
  void aQueryWithoutTheRevisionOrWithItsOwnWindowIsRefusedBeforeAnythingIsSent() {
    assertThat(measure(counters -> counters.requests = REQUESTS.replace("{{revision}}", "x"))
        .message()).isEqualTo("the requests query has no {{revision}}, so the canary and the"
            + " stable revision would read the same counter");
    assertThat(measure(counters -> counters.events = ERRORS + " since 1 day ago").message())
        .isEqualTo("the events query has a SINCE or UNTIL clause; leave it out: Ramp counts"
            + " since 00:00 UTC so that the totals only grow");
  }

  private static MeasurementResult measure(Consumer<CompareMetric.NewRelicCounters> change) {
    return measure("c4n4ry", "st4bl3", change);
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<CompareMetric.NewRelicCounters> change) {
    CompareMetric.NewRelicCounters counters = new CompareMetric.NewRelicCounters();
    counters.events = ERRORS;
    counters.requests = REQUESTS;
    change.accept(counters);
    CompareMetric compare = Requests.compare(canary, stable);
    compare.newRelic = counters;
    Map<String, String> profile = Map.of("personal-api-key", FakeNerdGraph.API_KEY,
        "account-id", String.valueOf(FakeNerdGraph.ACCOUNT), "base-url-nerdgraph",
        nerdGraph.url());
    MeasurementResult result = new CompareProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("newrelic", profile)), Clock.fixed(NOW, ZoneOffset.UTC))
        .measure(Requests.compare(compare));
    assertThat(String.valueOf(result.message())).doesNotContain("K3Y");
    return result;
  }

  private static String errors(String revision) {
    return ERRORS.replace("{{revision}}", revision) + WINDOW;
  }

  private static String requests(String revision) {
    return REQUESTS.replace("{{revision}}", revision) + WINDOW;
  }
}
