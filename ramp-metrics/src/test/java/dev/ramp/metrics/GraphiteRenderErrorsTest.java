package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.GraphiteCounters;
import dev.ramp.api.analysis.GraphiteMetric;
import dev.ramp.api.analysis.Header;
import dev.ramp.metrics.FakeGraphite.Answer;
import dev.ramp.metrics.MeasurementResult.State;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Graphite provider and counters make of each way a render request can go wrong, against
 * {@link FakeGraphite}. The series shapes are those of "The Render URL API", format=json
 * (graphite.readthedocs.io/en/latest/render_api.html); NaN as some Graphite servers write it
 * though JSON has none (RFC 8259, section 6); 401, 403, 429 with Retry-After and 502 as "HTTP
 * Semantics" (RFC 9110, sections 15.5.2, 15.5.4, 15.6.3) and "Additional HTTP Status Codes"
 * (RFC 6585, section 4) define them.
 */
class GraphiteRenderErrorsTest {
  private static final String POINTS = "[[null, 1700000000], [0.25, 1700000060]]";

  private static FakeGraphite graphite;

  @BeforeAll
  static void start() throws IOException {
    graphite = new FakeGraphite();
    graphite.answer("app.ok", series("app.ok", POINTS));
    graphite.answer("sumSeries(app.ok)", series("sumSeries(app.ok)", POINTS));
    graphite.answer("app.nan", series("app.nan", "[[0.5, 1700000000], [NaN, 1700000060]]"));
    graphite.answer("app.text", series("app.text", "[[\"0.5\", 1700000000]]"));
    graphite.answer("app.cut", Answer.json("[{\"target\": \"app.cut\", \"datapoints\": [[0.5, 17"));
    graphite.answer("app.login", new Answer(200, "text/html",
        "<html><body>Sign in to Graphite</body></html>", Map.of()));
    graphite.answer("app.busy", new Answer(429, "text/plain", "Too Many Requests",
        Map.of("Retry-After", "1")), series("app.busy", POINTS));
    graphite.answer("app.throttled", new Answer(429, "text/plain", "Too Many Requests",
        Map.of("Retry-After", "60")));
    graphite.answer("app.down", new Answer(502, "text/html",
        "<html><head><title>502 Bad Gateway</title></head></html>", Map.of()));
    graphite.answer("app.slow", new Answer(0, null, null, Map.of()));
  }

  private static Answer series(String target, String datapoints) {
    return Answer.json("[{\"target\": \"" + target + "\", \"tags\": {\"name\": \"" + target
        + "\"}, \"datapoints\": " + datapoints + "}]");
  }

  @AfterAll
  static void stop() {
    graphite.close();
  }

  @Test
  void theRequestIsTheDocumentedRenderRequestWithFormatJsonInsteadOfTheUsers() {
    MeasurementResult result = measure("target=app.ok&from=-5min&format=raw");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(List.of(0.25));
    assertThat(graphite.queries()).contains("target=app.ok&from=-5min&format=json");
  }

  @Test
  void aQueryOverSeveralLinesIsSentWithoutItsWhitespaceAsArgoSendsIt() {
    MeasurementResult result = measure("""
        target=sumSeries(
          app.ok
        )
        &from=-5min""");

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(0.25));
    assertThat(graphite.queries()).contains("target=sumSeries%28app.ok%29&from=-5min&format=json");
  }

  @Test
  void anEmptyAnswerIsAnErrorNamingTheQuery() {
    assertThat(measure("target=app.none").message())
        .isEqualTo("Graphite query \"target=app.none\" matched no series");
  }

  @Test
  void nanAPointThatIsNotANumberAndAMalformedAnswerAreErrorsQuotingTheAnswer() {
    assertThat(measure("target=app.nan").message()).isEqualTo("Graphite query \"target=app.nan\":"
        + " Graphite at " + graphite.address() + " answered 200, but series app.nan point 2 is"
        + " NaN, which is not a measurement: [{\"target\": \"app.nan\", \"tags\": {\"name\":"
        + " \"app.nan\"}, \"datapoints\": [[0.5, 1700000000], [NaN, 1700000060]]}]");
    assertThat(measure("target=app.text").message()).contains("answered 200, but series app.text"
        + " point 1 holds \"0.5\", not a number: [{");
    assertThat(measure("target=app.cut").message()).isEqualTo("Graphite query \"target=app.cut\":"
        + " Graphite at " + graphite.address() + " answered 200, but the answer is not the JSON"
        + " list of series that /render?format=json gives (is the address a Graphite?):"
        + " [{\"target\": \"app.cut\", \"datapoints\": [[0.5, 17");
    assertThat(measure("target=app.login").message()).endsWith("answered 200, but the answer is"
        + " not the JSON list of series that /render?format=json gives (is the address a"
        + " Graphite?): <html><body>Sign in to Graphite</body></html>");
  }

  @Test
  void aMissingOrRefusedCredentialIsNamedByItsHeaderNeverByItsValue() {
    assertThat(measure("target=app.ok", metric -> metric.headers = null).message())
        .isEqualTo("Graphite query \"target=app.ok\": Graphite at " + graphite.address()
            + " refused a request without credentials (the metric sets no headers) (401):"
            + " {\"message\":\"Unauthorized\"}");
    assertThat(measure("target=app.ok", metric -> metric.headers =
        List.of(new Header("Authorization", "Bearer wr0ng-t0ken"))).message())
        .isEqualTo("Graphite query \"target=app.ok\": Graphite at " + graphite.address()
            + " refused the Authorization header (403): {\"message\":\"token <redacted> is not"
            + " allowed to read metrics\"}");
  }

  @Test
  void aShortRetryAfterIsWaitedOutWithinTheTimeoutAndALongOneIsTold() {
    MeasurementResult busy = measure("target=app.busy");

    assertThat(busy.value()).as(busy.message()).isEqualTo(List.of(0.25));
    assertThat(graphite.asked("app.busy")).hasSize(2);
    assertThat(Duration.between(graphite.asked("app.busy").get(0),
        graphite.asked("app.busy").get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    MeasurementResult throttled = measure("target=app.throttled");
    assertThat(throttled.state()).isEqualTo(State.ERROR);
    assertThat(throttled.message()).isEqualTo("Graphite query \"target=app.throttled\": Graphite"
        + " at " + graphite.address() + " is rate limiting (429) and asks to wait 1m: Too Many"
        + " Requests");
    assertThat(graphite.asked("app.throttled")).hasSize(1);
  }

  @Test
  void aServerFailureAndATimeoutAreErrorsNamingTheQuery() {
    assertThat(measure("target=app.down").message()).isEqualTo("Graphite query"
        + " \"target=app.down\": Graphite at " + graphite.address() + " failed (502): <html><head>"
        + "<title>502 Bad Gateway</title></head></html>");
    assertThat(measure("target=app.slow", metric -> metric.timeout = new IntOrString("500ms"))
        .message()).isEqualTo("Graphite query \"target=app.slow\": Graphite at "
            + graphite.address() + " did not answer within 500ms");
  }

  @Test
  void aQueryWithoutTargetOrWithABarePercentIsToldBeforeAnythingIsSent() {
    int before = graphite.queries().size();

    assertThat(measure("from=-5min").message()).isEqualTo("Graphite query \"from=-5min\": the"
        + " query has no target: write the render API's parameters, e.g."
        + " target=sumSeries(app.*.errors)&from=-5min");
    assertThat(measure("target=asPercent(app.ok,100%)").message()).isEqualTo("Graphite query"
        + " \"target=asPercent(app.ok,100%)\": the query's \"asPercent(app.ok,100%)\" is not"
        + " URL-encoded text: a % must be followed by two hex digits (write %25 for % itself)");
    assertThat(graphite.queries()).hasSize(before);
  }

  @Test
  void theCountersTellWhichSideAndQueryWasRateLimited() {
    GraphiteCounters counters = new GraphiteCounters();
    counters.address = graphite.address();
    counters.headers = List.of(new Header("Authorization", "Bearer " + FakeGraphite.TOKEN));
    counters.events = "target=app.throttled.{{revision}}";
    counters.requests = "target=app.ok.{{revision}}";
    CompareMetric compare = Requests.compare("c4n4ry", "st4bl3");
    compare.graphite = counters;
    graphite.answer("app.throttled.c4n4ry", new Answer(429, "text/plain", "Too Many Requests",
        Map.of("Retry-After", "120")));

    MeasurementResult result = new CompareProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of())).measure(Requests.compare(compare));

    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).isEqualTo("canary revision c4n4ry: the events query: Graphite"
        + " query \"target=app.throttled.c4n4ry\": Graphite at " + graphite.address() + " is"
        + " rate limiting (429) and asks to wait 2m: Too Many Requests");
  }

  private static MeasurementResult measure(String query) {
    return measure(query, metric -> { });
  }

  private static MeasurementResult measure(String query, Consumer<GraphiteMetric> change) {
    GraphiteMetric metric = new GraphiteMetric();
    metric.address = graphite.address();
    metric.query = query;
    metric.headers = List.of(new Header("Authorization", "Bearer " + FakeGraphite.TOKEN));
    change.accept(metric);
    MeasurementResult result = new GraphiteProvider(HttpClient.newHttpClient())
        .measure(Requests.graphite(metric));
    assertThat(String.valueOf(result.message())).doesNotContain(FakeGraphite.TOKEN)
        .doesNotContain("wr0ng");
    return result;
  }
}
