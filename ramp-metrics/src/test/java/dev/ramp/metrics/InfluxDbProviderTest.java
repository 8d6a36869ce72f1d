package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.InfluxDbMetric;
import dev.ramp.metrics.MeasurementResult.State;
import dev.ramp.workloadsim.LocalInfluxDb;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxQL queries through the InfluxDB provider to a real InfluxDB 1.x (see
 * {@link LocalInfluxDb}) into which the test wrote points over {@code /write}.
 */
class InfluxDbProviderTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String LATENCY = "SELECT mean(\"seconds\") FROM \"latency\"";

  @TempDir static Path dir;
  private static LocalInfluxDb influx;

  @BeforeAll
  static void start() throws IOException {
    influx = LocalInfluxDb.start(dir);
    if (influx.address() != null) {
      influx.execute("CREATE DATABASE app");
      // host a has two points a second apart, then none for a second; host b has one point
      influx.write("app", """
          latency,host=b seconds=2.0 %d
          latency,host=a seconds=0.25 %d
          latency,host=a seconds=0.75 %d
          latency,host=a seconds=0.5 %d
          """.formatted(T0, T0, T0 + 1000, T0 + 3000));
    }
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  @Test
  void aQueryGivesOneValuePerRowWithSeriesInTagOrder() {
    influx.require();
    MeasurementResult result = measure(metric -> metric.query = LATENCY + " GROUP BY \"host\"");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(List.of(0.5, 2.0));
  }

  @Test
  void aSingleRowIsAListOfOneSoThatArgosResultZeroReadsIt() {
    influx.require();
    assertThat(measure(metric -> metric.query = LATENCY + " WHERE \"host\" = 'b'").value())
        .isEqualTo(List.of(2.0));
  }

  @Test
  void noRowsIsAnErrorNamingTheQuery() {
    influx.require();
    MeasurementResult result = measure(metric ->
        metric.query = LATENCY + " WHERE \"host\" = 'nowhere'");

    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).isEqualTo("InfluxQL query \"" + LATENCY
        + " WHERE \"host\" = 'nowhere'\" returned no rows");
  }

  @Test
  void anEmptyIntervalIsAPartialSeriesNotAValue() {
    influx.require();
    MeasurementResult result = measure(metric -> metric.query = LATENCY
        + " WHERE \"host\" = 'a' AND time >= " + T0 + "ms AND time < " + (T0 + 4000)
        + "ms GROUP BY time(1s) fill(null)");

    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).contains("InfluxDB at " + influx.address() + " answered 200,"
        + " but series latency row 3 has no value (null): a partial series, which proves"
        + " nothing: {\"results\":");
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheCredentialNotItsValue() {
    influx.require();
    MeasurementResult result = measure(Map.of("address", influx.address(),
        "username", LocalInfluxDb.USER, "password", "wr0ng-passw0rd"), metric -> { });

    assertThat(result.message()).isEqualTo("InfluxQL query \"" + LATENCY + "\": InfluxDB at "
        + influx.address() + " refused the username and password of Secret influxdb (401):"
        + " {\"error\":\"authorization failed\"}");
  }

  @Test
  void aMissingDatabaseAndASyntaxErrorAreTheServersOwnWords() {
    influx.require();
    assertThat(measure(metric -> metric.database = "nope").message())
        .isEqualTo("InfluxQL query \"" + LATENCY + "\": InfluxDB at " + influx.address()
            + " answered 200, but the query failed: database not found: nope:"
            + " {\"results\":[{\"statement_id\":0,\"error\":\"database not found: nope\"}]}");
    assertThat(measure(metric -> metric.query = "SELEC 1").message())
        .startsWith("InfluxQL query \"SELEC 1\": InfluxDB at " + influx.address()
            + " answered 400: {\"error\":\"error parsing query: found SELEC, expected SELECT");
  }

  @Test
  void selectingSeveralFieldsIsRefusedAsNoRowHasOneValue() {
    influx.require();
    assertThat(measure(metric -> metric.query = "SELECT \"seconds\", \"host\" FROM \"latency\"")
        .message()).contains("but series latency has the columns [time, seconds, host]; an"
            + " analysis query must select exactly one field or aggregate besides time");
  }

  @Test
  void anAnswerCutShortByTheServersRowLimitIsPartial() throws IOException {
    influx.require();
    // a server of its own, to set max-row-limit; its series are cut at 2 rows and marked partial
    Path own = Files.createDirectories(dir.resolve("limited"));
    try (LocalInfluxDb limited = LocalInfluxDb.start(own, "max-row-limit = 2")) {
      limited.execute("CREATE DATABASE app");
      limited.write("app", "latency,host=a seconds=0.1 %d\nlatency,host=a seconds=0.3 %d\n"
          .formatted(T0, T0 + 1000) + "latency,host=a seconds=0.2 %d\n".formatted(T0 + 2000));
      MeasurementResult result = measure(Map.of("address", limited.address(),
          "username", LocalInfluxDb.USER, "password", LocalInfluxDb.PASSWORD),
          metric -> metric.query = "SELECT \"seconds\" FROM \"latency\"");

      assertThat(result.message()).contains("but series latency is partial: InfluxDB cut it"
          + " short (max-row-limit or chunking), so its values prove nothing");
    }
  }

  @Test
  void aProfileThatDoesNotExistIsNamed() {
    MeasurementResult result = measure(Map.of(), metric -> metric.profile = "influx-prod");

    assertThat(result.message()).isEqualTo("the InfluxDB profile, Secret influx-prod in"
        + " namespace default, does not exist");
  }

  private static MeasurementResult measure(Consumer<InfluxDbMetric> change) {
    return measure(Map.of("address", influx.address(), "username", LocalInfluxDb.USER,
        "password", LocalInfluxDb.PASSWORD), change);
  }

  /** Measures with the profile Secret influxdb holding {@code profile}. */
  private static MeasurementResult measure(Map<String, String> profile,
      Consumer<InfluxDbMetric> change) {
    InfluxDbMetric metric = new InfluxDbMetric();
    metric.language = "influxql";
    metric.database = "app";
    metric.query = LATENCY;
    change.accept(metric);
    InfluxDbProvider provider = new InfluxDbProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("influxdb", profile)));
    MeasurementResult result = provider.measure(Requests.influxdb(metric));
    assertThat(String.valueOf(result.message())).doesNotContain(LocalInfluxDb.PASSWORD)
        .doesNotContain("wr0ng");
    return result;
  }
}
