package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.GraphiteMetric;
import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.Metric;
import dev.ramp.metrics.MeasurementResult.State;
import dev.ramp.workloadsim.LocalGraphite;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Render queries through the Graphite provider to a real graphite-web (see
 * {@link LocalGraphite}) whose whisper files the test wrote: minutes T0 to T0 + 4 of the last
 * hour, queried over exactly that range.
 */
class GraphiteProviderTest {
  private static final long T0 = Instant.now().getEpochSecond() / 60 * 60 - 3600;
  // whisper starts a range at the first minute after from, so minute T0 is the first one read
  private static final String RANGE = "&from=" + (T0 - 1) + "&until=" + (T0 + 240);

  private static final String SPRING =
      "stats.timers.httpServerRequests.app.checkout.exception.None.method.GET.outcome.";

  @TempDir static Path dir;
  private static LocalGraphite graphite;

  @BeforeAll
  static void start() throws IOException {
    graphite = LocalGraphite.start(dir);
    if (graphite.address() != null) {
      // host a has a point every minute but the third; host b only in the last minute
      graphite.write("app.a.latency", Map.of(T0, 0.25, T0 + 60, 0.75, T0 + 180, 0.5,
          T0 + 240, 1.0));
      graphite.write("app.b.latency", Map.of(T0 + 240, 2.0));
      graphite.write("app.silent.latency", Map.of(T0 - 3000, 9.0));
      // Spring Boot's request timers, as Argo's example reads them: 95 of 100 requests succeed
      graphite.write(SPRING + "SUCCESS.status.200.uri.root.count", Map.of(T0, 95.0));
      graphite.write(SPRING + "SERVER_ERROR.status.500.uri.root.count", Map.of(T0, 5.0));
    }
  }

  @AfterAll
  static void stop() {
    graphite.close();
  }

  @Test
  void everySeriesValuesInTurnWithoutTheEmptyMinutesAsArgoGivesThem() {
    graphite.require();
    MeasurementResult result = measure("target=app.{a,b}.latency" + RANGE);

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(List.of(0.25, 0.75, 0.5, 1.0, 2.0));
  }

  @Test
  void anArgoQueryOverSeveralIndentedLinesIsMeasured() {
    graphite.require();
    // per minute, the sum is 0.25, 0.75, none, 0.5 and 3.0; their average 1.125
    MeasurementResult result = measure("""
        target=summarize(
          sumSeries(
            app.*.latency
          ),
          '1h',
          'avg',
          true
        )""" + RANGE);

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(1.125));
  }

  @Test
  void argosExampleMetricIsMeasuredAsWritten() {
    graphite.require();
    // Argo Rollouts' Graphite example as its AnalysisRun holds it, args in place, with an
    // address of this test's Graphite; no from=, so Graphite reads its last 24 hours
    Metric metric = Serialization.unmarshal("""
        name: success-rate
        interval: 5m
        successCondition: result[0] >= 90
        failureLimit: 3
        provider:
          graphite:
            address: %s/
            query: |
              target=summarize(
                asPercent(
                  sumSeries(
                    stats.timers.httpServerRequests.app.checkout.exception.*.method.*.outcome.{CLIENT_ERROR,INFORMATIONAL,REDIRECTION,SUCCESS}.status.*.uri.*.count
                  ),
                  sumSeries(
                    stats.timers.httpServerRequests.app.checkout.exception.*.method.*.outcome.*.status.*.uri.*.count
                  )
                ),
                '5min',
                'avg'
              )
        """.formatted(graphite.address()), Metric.class);

    MeasurementResult result = new GraphiteProvider(HttpClient.newHttpClient())
        .measure(new MeasurementRequest(Requests.NAMESPACE, metric, null));

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(95.0));
  }

  @Test
  void aTargetMatchingNoSeriesIsAnErrorNamingTheQuery() {
    graphite.require();
    assertThat(measure("target=app.nowhere.latency" + RANGE).message())
        .isEqualTo("Graphite query \"target=app.nowhere.latency" + RANGE + "\" matched no"
            + " series");
  }

  @Test
  void aSeriesWithoutAnyValueInTheRangeIsAnErrorNotAShiftedResult() {
    graphite.require();
    assertThat(measure("target=app.{a,silent}.latency" + RANGE).message())
        .startsWith("Graphite query \"target=app.{a,silent}.latency" + RANGE + "\": Graphite at "
            + graphite.address() + " answered 200, but series app.silent.latency has no value"
            + " in its 5 points (all null): nothing was written for it in the query's range,"
            + " which proves nothing: [{\"target\": \"app.a.latency\"");
  }

  @Test
  void anInfiniteValueIsAnErrorNotAMeasurement() {
    graphite.require();
    // graphite-web writes infinity as 1e9999
    assertThat(measure("target=scale(scale(app.b.latency,1e308),10)" + RANGE).message())
        .contains("answered 200, but series scale(scale(app.b.latency,1e+308),10) point 5 is"
            + " Infinity, which is not a measurement: [{\"target\":");
  }

  @Test
  void anUnknownFunctionIsGraphitesOwnWords() {
    graphite.require();
    assertThat(measure("target=nosuch(app.a.latency)" + RANGE).message())
        .isEqualTo("Graphite query \"target=nosuch(app.a.latency)" + RANGE + "\": Graphite at "
            + graphite.address() + " answered 400: Invalid parameters (Received request for"
            + " unknown function: nosuch); targets: \"nosuch(app.a.latency)\"");
  }

  @Test
  void headersAreSentAndTheirValuesNeverShown() {
    graphite.require();
    GraphiteMetric metric = metric("target=app.b.latency" + RANGE);
    metric.headers = List.of(new Header("Authorization", "Bearer gr4phite-t0ken"));

    MeasurementResult result = new GraphiteProvider(HttpClient.newHttpClient())
        .measure(Requests.graphite(metric));

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(2.0));
  }

  private static MeasurementResult measure(String query) {
    return new GraphiteProvider(HttpClient.newHttpClient())
        .measure(Requests.graphite(metric(query)));
  }

  private static GraphiteMetric metric(String query) {
    GraphiteMetric metric = new GraphiteMetric();
    metric.address = graphite.address();
    metric.query = query;
    return metric;
  }
}
