package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.metrics.MeasurementResult.State;
import dev.ramp.workloadsim.LocalInfluxDb;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare metrics reading their counters with InfluxQL from a real InfluxDB 1.x (see
 * {@link LocalInfluxDb}) into which the test wrote request counts for a few revisions.
 */
class CompareProviderInfluxDbTest {
  private static final String ERRORS = "SELECT sum(\"count\") FROM \"requests\""
      + " WHERE \"revision\" = '{{revision}}' AND \"code\" =~ /^5/";
  private static final String REQUESTS =
      "SELECT sum(\"count\") FROM \"requests\" WHERE \"revision\" = '{{revision}}'";

  @TempDir static Path dir;
  private static LocalInfluxDb influx;

  @BeforeAll
  static void start() throws IOException {
    influx = LocalInfluxDb.start(dir);
    if (influx.address() != null) {
      influx.execute("CREATE DATABASE app");
      // the stable revision has two kinds of errors; h34lthy has none
      influx.write("app", """
          requests,revision=c4n4ry,code=200 count=970 1700000000000
          requests,revision=c4n4ry,code=500 count=30 1700000000000
          requests,revision=st4bl3,code=200 count=8991 1700000000000
          requests,revision=st4bl3,code=500 count=6 1700000000000
          requests,revision=st4bl3,code=503 count=3 1700000000000
          requests,revision=h34lthy,code=200 count=500 1700000000000
          """);
    }
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  @Test
  void readsTheCountersAsWrittenWithTheCanaryAndTheStableInTheirPlaces() {
    influx.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> { });

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(new CounterReading(30, 1000, 9, 9000));
  }

  @Test
  void aCounterWithoutPointsYetIsZero() {
    influx.require();
    assertThat(measure("h34lthy", "st4bl3", counters -> { }).value())
        .isEqualTo(new CounterReading(0, 500, 9, 9000));
    assertThat(measure("n3w", "st4bl3", counters -> { }).value())
        .isEqualTo(new CounterReading(0, 0, 9, 9000));
  }

  @Test
  void aQueryAnsweringSeveralRowsIsAnErrorAskingForAggregation() {
    influx.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3",
        counters -> counters.events = ERRORS + " GROUP BY \"code\"");

    assertThat(result.message()).isEqualTo("stable revision st4bl3: the events query:"
        + " InfluxQL query \"" + ERRORS.replace("{{revision}}", "st4bl3")
        + " GROUP BY \"code\"\" returned 2 rows; it must aggregate them into one, e.g. with"
        + " sum()");
  }

  @Test
  void aRefusedCredentialNamesTheSideTheQueryAndTheSecretKeys() {
    influx.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> { },
        Map.of("address", influx.address(), "authToken", "n0t-a-t0ken"));

    assertThat(result.message()).startsWith("canary revision c4n4ry: the events query:"
        + " InfluxQL query \"" + ERRORS.replace("{{revision}}", "c4n4ry") + "\": InfluxDB at "
        + influx.address() + " refused the authToken of Secret influxdb (401): ")
        .doesNotContain("n0t-a-t0ken");
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<CompareMetric.InfluxDbCounters> change) {
    return measure(canary, stable, change, Map.of("address", influx.address(),
        "username", LocalInfluxDb.USER, "password", LocalInfluxDb.PASSWORD));
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<CompareMetric.InfluxDbCounters> change, Map<String, String> profile) {
    CompareMetric.InfluxDbCounters counters = new CompareMetric.InfluxDbCounters();
    counters.language = "influxql";
    counters.database = "app";
    counters.events = ERRORS;
    counters.requests = REQUESTS;
    change.accept(counters);
    CompareMetric compare = Requests.compare(canary, stable);
    compare.influxdb = counters;
    return new CompareProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("influxdb", profile))).measure(Requests.compare(compare));
  }
}
