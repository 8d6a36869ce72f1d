package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.GraphiteCounters;
import dev.ramp.metrics.MeasurementResult.State;
import dev.ramp.workloadsim.LocalGraphite;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare metrics reading their counters from a real graphite-web (see {@link LocalGraphite})
 * whose whisper files hold request counts by revision and status code: running totals, as a
 * metrics library writes its counters, two minutes apart within the last hour.
 */
class CompareProviderGraphiteTest {
  private static final long T0 = Instant.now().getEpochSecond() / 60 * 60 - 3600;
  private static final String RANGE = "&from=" + (T0 - 1) + "&until=" + (T0 + 120);
  private static final String ERRORS = "target=sumSeries(app.{{revision}}.5*.requests)" + RANGE;
  private static final String REQUESTS = "target=sumSeries(app.{{revision}}.*.requests)" + RANGE;

  @TempDir static Path dir;
  private static LocalGraphite graphite;

  @BeforeAll
  static void start() throws IOException {
    graphite = LocalGraphite.start(dir);
    if (graphite.address() != null) {
      // the stable revision has two kinds of errors; h34lthy has none
      total("c4n4ry.200", 500, 970);
      total("c4n4ry.500", 10, 30);
      total("st4bl3.200", 4000, 8991);
      total("st4bl3.500", 2, 6);
      total("st4bl3.503", 0, 3);
      total("h34lthy.200", 200, 500);
      // per-minute counts, as statsd writes them, for integral() to add up
      graphite.write("app.p3rm1n.200.count", Map.of(T0, 40.0, T0 + 60, 50.0, T0 + 120, 10.0));
    }
  }

  private static void total(String revisionAndCode, double first, double last) {
    graphite.write("app." + revisionAndCode + ".requests", Map.of(T0, first, T0 + 120, last));
  }

  @AfterAll
  static void stop() {
    graphite.close();
  }

  @Test
  void readsTheLatestTotalsWithTheCanaryAndTheStableInTheirPlaces() {
    graphite.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3", counters -> { });

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(new CounterReading(30, 1000, 9, 9000));
  }

  @Test
  void aRevisionWithoutSeriesYetCountsZero() {
    graphite.require();
    assertThat(measure("h34lthy", "st4bl3", counters -> { }).value())
        .isEqualTo(new CounterReading(0, 500, 9, 9000));
    assertThat(measure("n3w", "st4bl3", counters -> { }).value())
        .isEqualTo(new CounterReading(0, 0, 9, 9000));
  }

  @Test
  void perIntervalCountsAreAddedUpByIntegral() {
    graphite.require();
    MeasurementResult result = measure("p3rm1n", "st4bl3", counters -> {
      counters.events = "target=sumSeries(app.{{revision}}.5*.count)" + RANGE;
      counters.requests = "target=integral(app.{{revision}}.*.count)" + RANGE;
    });

    assertThat(result.value()).as(result.message())
        .isEqualTo(new CounterReading(0, 100, 0, 0));
  }

  @Test
  void aQueryRenderingSeveralSeriesIsAnErrorAskingToCombineThem() {
    graphite.require();
    MeasurementResult result = measure("c4n4ry", "st4bl3",
        counters -> counters.events = "target=app.{{revision}}.5*.requests" + RANGE);

    assertThat(result.message()).isEqualTo("stable revision st4bl3: the events query:"
        + " Graphite query \"target=app.st4bl3.5*.requests" + RANGE + "\" rendered 2 series;"
        + " it must combine them into one, e.g. with sumSeries()");
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<GraphiteCounters> change) {
    GraphiteCounters counters = new GraphiteCounters();
    counters.address = graphite.address();
    counters.events = ERRORS;
    counters.requests = REQUESTS;
    change.accept(counters);
    CompareMetric compare = Requests.compare(canary, stable);
    compare.graphite = counters;
    return new CompareProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()))
        .measure(Requests.compare(compare));
  }
}
