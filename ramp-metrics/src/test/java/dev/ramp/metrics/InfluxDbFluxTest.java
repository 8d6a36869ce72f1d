package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.InfluxDbMetric;
import dev.ramp.metrics.FakeInfluxDb2.Answer;
import dev.ramp.metrics.MeasurementResult.State;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flux queries through the InfluxDB provider and the compare metric's InfluxDB counters, to
 * {@link FakeInfluxDb2}. The CSV shapes are those of "Annotated CSV"
 * (docs.influxdata.com/influxdb/v2/reference/syntax/annotated-csv/), in-stream errors as its
 * "Errors" section shows them; the error bodies and the 429's Retry-After are those of the API
 * reference's PostQuery responses (docs.influxdata.com/influxdb/v2/api/#operation/PostQuery).
 */
class InfluxDbFluxTest {
  private static final String HEAD = """
      #datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string
      #group,false,false,true,true,false,false,true,true,true
      #default,_result,,,,,,,,
      ,result,table,_start,_stop,_time,_value,_field,_measurement,host
      """;
  private static final String RANGE = "2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,"
      + "2024-01-01T00:30:00Z";
  private static final String ONE_ROW = HEAD + ",,0," + RANGE + ",0.25,usage,cpu,a\n";
  private static final Map<String, String> PROFILE = Map.of("authToken", FakeInfluxDb2.TOKEN,
      "org", FakeInfluxDb2.ORG);

  private static FakeInfluxDb2 influx;

  @BeforeAll
  static void start() throws IOException {
    influx = new FakeInfluxDb2();
    influx.answer("one-row", Answer.csv(ONE_ROW));
    // two tables of one result, then a second result with other columns, after a blank line
    influx.answer("tables", Answer.csv(HEAD + ",,0," + RANGE + ",0.25,usage,cpu,a\n"
        + ",,1," + RANGE + ",0.5,usage,cpu,b\n"
        + "\n"
        + "#datatype,string,long,string,long\n"
        + "#group,false,false,true,false\n"
        + "#default,errors,,,\n"
        + ",result,table,host,_value\n"
        + ",,0,\"c,d\",3\n"));
    influx.answer("in-stream-error", Answer.csv("""
        #datatype,string,string
        #group,true,true
        #default,,
        ,error,reference
        ,"failed to execute query: bucket ""app"" not found",
        """));
    influx.answer("no-rows", Answer.csv(""));
    influx.answer("nan", Answer.csv(HEAD + ",,0," + RANGE + ",NaN,usage,cpu,a\n"));
    influx.answer("null", Answer.csv(HEAD + ",,0," + RANGE + ",0.25,usage,cpu,a\n"
        + ",,0," + RANGE + ",,usage,cpu,a\n"));
    influx.answer("cut", Answer.csv(HEAD + ",,0," + RANGE + ",0.2"));
    influx.answer("html", new Answer(200, "text/html", "<html><body>Sign in</body></html>",
        Map.of()));
    influx.answer("busy", Answer.json(429, "{\"code\":\"too many requests\",\"message\":"
        + "\"org ramp-org has exceeded limited_query plan limit\"}",
        Map.of("Retry-After", "1")), Answer.csv(ONE_ROW));
    influx.answer("throttled", Answer.json(429, "{\"code\":\"too many requests\",\"message\":"
        + "\"org ramp-org has exceeded limited_query plan limit\"}",
        Map.of("Retry-After", "60")));
    influx.answer("broken", Answer.json(500, "{\"code\":\"internal error\",\"message\":"
        + "\"an internal error has occurred\"}", Map.of()));
    influx.answer("slow", new Answer(0, null, null, Map.of()));
    for (String revision : List.of("c4n4ry", "st4bl3")) {
      int errors = revision.equals("c4n4ry") ? 30 : 9;
      int requests = revision.equals("c4n4ry") ? 1000 : 9000;
      influx.answer("errors " + revision, Answer.csv(HEAD + ",,0," + RANGE + "," + errors
          + ",count,requests,all\n"));
      influx.answer("requests " + revision, Answer.csv(HEAD + ",,0," + RANGE + "," + requests
          + ",count,requests,all\n"));
    }
    influx.answer("requests n3w", Answer.csv(""));
    influx.answer("errors n3w", Answer.csv(""));
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  @Test
  void oneRowIsAListOfOneSoThatArgosResultZeroReadsIt() {
    MeasurementResult result = measure("one-row");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(List.of(0.25));
  }

  @Test
  void everyRowOfEveryTableGivesAValueInTheOrderWritten() {
    assertThat(measure("tables").value()).isEqualTo(List.of(0.25, 0.5, 3.0));
  }

  @Test
  void anErrorInTheStreamIsTheQuerysError() {
    assertThat(measure("in-stream-error").message()).startsWith("Flux query \"in-stream-error\":"
        + " InfluxDB at " + influx.address() + " answered 200, but the query failed: failed to"
        + " execute query: bucket \"app\" not found: #datatype,string,string");
  }

  @Test
  void noRowsNaNANullAndACutRowAreErrorsNotValues() {
    assertThat(measure("no-rows").message()).isEqualTo("Flux query \"no-rows\" returned no rows");
    assertThat(measure("nan").message()).contains("answered 200, but line 5's _value is NaN");
    assertThat(measure("null").message()).contains("answered 200, but line 6 has no _value"
        + " (null): a partial series, which proves nothing");
    assertThat(measure("cut").message()).contains("answered 200, but line 5 has 7 cells where"
        + " its header has 10: the answer is cut short or not InfluxDB's CSV");
    assertThat(measure("html").message()).isEqualTo("Flux query \"html\": InfluxDB at "
        + influx.address() + " answered 200, but the answer has a table without a _value column"
        + " (columns <html><body>Sign in</body></html>); the query must keep _value, or the"
        + " answer is not InfluxDB's annotated CSV: <html><body>Sign in</body></html>");
  }

  @Test
  void aRefusedTokenIsNamedByItsSecretAndKeyNeverByItsValue() {
    MeasurementResult result = measure("one-row", Map.of("authToken", "wr0ng-t0ken",
        "org", FakeInfluxDb2.ORG), metric -> { });

    assertThat(result.message()).isEqualTo("Flux query \"one-row\": InfluxDB at "
        + influx.address() + " refused the authToken of Secret influxdb (401):"
        + " {\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}");
  }

  @Test
  void aTokenIsSentWithoutTheLineBreakOfASecretMadeFromAFileAndNeverQuoted() {
    assertThat(measure("one-row", Map.of("authToken", FakeInfluxDb2.TOKEN + "\n",
        "org", FakeInfluxDb2.ORG), metric -> { }).value()).isEqualTo(List.of(0.25));
    assertThat(measure("one-row", Map.of("authToken", "t0ken\nsecond-line",
        "org", FakeInfluxDb2.ORG), metric -> { }).message()).isEqualTo("Flux query \"one-row\":"
            + " the authToken of Secret influxdb cannot be sent in an HTTP header: it holds a"
            + " line break or another character headers cannot carry");
  }

  @Test
  void aShortRetryAfterIsWaitedOutWithinTheTimeoutAndALongOneIsTold() {
    MeasurementResult busy = measure("busy");

    assertThat(busy.value()).as(busy.message()).isEqualTo(List.of(0.25));
    assertThat(influx.asked("busy")).hasSize(2);
    assertThat(Duration.between(influx.asked("busy").get(0), influx.asked("busy").get(1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(measure("throttled").message()).isEqualTo("Flux query \"throttled\": InfluxDB at "
        + influx.address() + " is rate limiting (429) and asks to wait 1m: {\"code\":\"too many"
        + " requests\",\"message\":\"org ramp-org has exceeded limited_query plan limit\"}");
    assertThat(influx.asked("throttled")).hasSize(1);
  }

  @Test
  void aServerFailureAndATimeoutAreErrorsNamingTheQuery() {
    assertThat(measure("broken").message()).isEqualTo("Flux query \"broken\": InfluxDB at "
        + influx.address() + " failed (500): {\"code\":\"internal error\",\"message\":\"an"
        + " internal error has occurred\"}");
    assertThat(measure("slow", PROFILE, metric -> metric.timeout = new IntOrString("500ms"))
        .message()).isEqualTo("Flux query \"slow\": InfluxDB at " + influx.address()
            + " did not answer within 500ms");
  }

  @Test
  void aProfileWithoutAnOrgOrAddressIsTold() {
    assertThat(measure("one-row", Map.of("authToken", FakeInfluxDb2.TOKEN), metric -> { })
        .message()).isEqualTo("Flux query \"one-row\": Secret influxdb has no org, which Flux"
            + " queries (InfluxDB 2.x) need");
    assertThat(new InfluxDbProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of(
        "influxdb", Map.of("org", "o")))).measure(Requests.influxdb(metric("one-row"))).message())
        .isEqualTo("Secret influxdb has no address (InfluxDB's URL, e.g."
            + " http://influxdb.monitoring:8086)");
  }

  @Test
  void theJudgesCountersAreReadWithFluxToo() {
    CompareMetric.InfluxDbCounters counters = new CompareMetric.InfluxDbCounters();
    counters.profile = "influx-prod";
    counters.events = "errors {{revision}}";
    counters.requests = "requests {{revision}}";
    CompareMetric compare = Requests.compare("c4n4ry", "st4bl3");
    compare.influxdb = counters;
    CompareProvider provider = new CompareProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("influx-prod", profile(PROFILE))));

    assertThat(provider.measure(Requests.compare(compare)).value())
        .isEqualTo(new CounterReading(30, 1000, 9, 9000));
    compare.canaryRevision = "n3w";
    assertThat(provider.measure(Requests.compare(compare)).value())
        .isEqualTo(new CounterReading(0, 0, 9, 9000));
  }

  private static MeasurementResult measure(String query) {
    return measure(query, PROFILE, metric -> { });
  }

  private static MeasurementResult measure(String query, Map<String, String> profile,
      Consumer<InfluxDbMetric> change) {
    InfluxDbMetric metric = metric(query);
    change.accept(metric);
    MeasurementResult result = new InfluxDbProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("influxdb", profile(profile)))).measure(Requests.influxdb(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("t0ken");
    return result;
  }

  /** An Argo Rollouts influxdb metric: profile and query only. */
  private static InfluxDbMetric metric(String query) {
    InfluxDbMetric metric = new InfluxDbMetric();
    metric.query = query;
    return metric;
  }

  private static Map<String, String> profile(Map<String, String> values) {
    Map<String, String> withAddress = new HashMap<>(values);
    withAddress.put("address", influx.address());
    return withAddress;
  }
}
