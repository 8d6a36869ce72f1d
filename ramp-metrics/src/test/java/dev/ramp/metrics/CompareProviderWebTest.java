package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.Header;
import dev.ramp.metrics.MeasurementResult.State;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compare metrics reading their counters from a JSON endpoint this test serves. */
class CompareProviderWebTest {
  private static final String TOKEN = "Bearer SECRET-TOKEN";
  /** What the endpoint answers for each revision: a status and a body. */
  private static final Map<String, Answer> TRAFFIC = Map.of(
      "c4n4ry", new Answer(200, "{\"requests\": 1000, \"errors\": 30}"),
      "st4bl3", new Answer(200, "{\"requests\": 9000.0, \"errors\": 9}"),
      "n0errors", new Answer(200, "{\"requests\": 12}"),
      "t3xt", new Answer(200, "{\"requests\": \"many\", \"errors\": 1}"),
      "n3gative", new Answer(200, "{\"requests\": 10, \"errors\": -1}"),
      "d0wn", new Answer(503, "{\"error\": \"overloaded\"}"));
  private static final CompareProvider PROVIDER = new CompareProvider(HttpClient.newHttpClient(),
      (namespace, name) -> Optional.empty());
  /** The requests the endpoint received, as "query | Authorization header". */
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    server = LoopbackHttp.server();
    server.createContext("/traffic", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      RECEIVED.add(query + " | " + exchange.getRequestHeaders().getFirst("Authorization"));
      Answer answer = TRAFFIC.getOrDefault(query.substring("revision=".length()),
          new Answer(404, "{}"));
      LoopbackHttp.answer(exchange, answer.status(), "application/json", answer.body());
    });
    server.start();
    base = LoopbackHttp.url(server);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void forgetRequests() {
    RECEIVED.clear();
  }

  @Test
  void readsTheCanaryThenTheStableCountersIntoTheirPlaces() {
    MeasurementResult result = measure("c4n4ry", "st4bl3");

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(new CounterReading(30, 1000, 9, 9000));
    assertThat(RECEIVED).containsExactly("revision=c4n4ry | " + TOKEN,
        "revision=st4bl3 | " + TOKEN);
  }

  @Test
  void aMissingPathIsAnErrorThatNamesIt() {
    assertThat(measure("n0errors", "st4bl3").message())
        .isEqualTo("canary revision n0errors: eventsPath $.errors matched nothing in the response");
  }

  @Test
  void aValueThatIsNotANumberIsAnErrorThatNamesItsPath() {
    assertThat(measure("c4n4ry", "t3xt").message())
        .isEqualTo("stable revision t3xt: requestsPath $.requests picked a string, not a number");
  }

  @Test
  void anAnswerThatIsNotSuccessfulIsAnError() {
    assertThat(measure("c4n4ry", "d0wn").message())
        .isEqualTo("stable revision d0wn: GET " + base + "/traffic failed (503):"
            + " {\"error\": \"overloaded\"}");
  }

  @Test
  void aNegativeCounterIsAnError() {
    assertThat(measure("n3gative", "st4bl3").message()).isEqualTo("canary revision n3gative:"
        + " the events total is -1.0, but a counter must be a finite number, 0 or more");
  }

  @Test
  void aUrlWithoutTheRevisionIsRefusedRatherThanComparingARevisionWithItself() {
    MeasurementResult result = measure("c4n4ry", "st4bl3", web -> web.url = base + "/traffic");

    assertThat(result.message()).isEqualTo("the url has no"
        + " {{revision}}, so the canary and the stable revision would read the same counter");
    assertThat(RECEIVED).isEmpty();
  }

  @Test
  void headerValuesNeverAppearInMessages() {
    List<MeasurementResult> results = List.of(measure("n0errors", "st4bl3"),
        measure("c4n4ry", "t3xt"), measure("c4n4ry", "d0wn"), measure("c4n4ry", "n3gative"),
        measure("c4n4ry", "st4bl3",
            web -> web.headers = List.of(new Header("Authorization", TOKEN + "\nInjected: 1"))));

    assertThat(results).allSatisfy(result -> {
      assertThat(result.state()).isEqualTo(State.ERROR);
      assertThat(result.message()).isNotBlank().doesNotContain("SECRET");
    });
  }

  @Test
  void aRevisionMustBeGiven() {
    CompareMetric compare = Requests.compare("c4n4ry", " ");
    compare.web = counters();
    assertThat(PROVIDER.measure(Requests.compare(compare)).message())
        .isEqualTo("stableRevision is empty");
  }

  @Test
  void exactlyOneCounterSourceIsRead() {
    CompareMetric none = Requests.compare("c4n4ry", "st4bl3");
    CompareMetric both = Requests.compare("c4n4ry", "st4bl3");
    both.web = counters();
    both.prometheus = new CompareMetric.PrometheusCounters();

    assertThat(List.of(none, both)).allSatisfy(compare ->
        assertThat(PROVIDER.measure(Requests.compare(compare)).message())
            .isEqualTo("compare must read its counters from exactly one of prometheus, web,"
                + " influxdb, graphite, datadog, newRelic and cloudWatch"));
    assertThat(RECEIVED).isEmpty();
  }

  private static MeasurementResult measure(String canary, String stable) {
    return measure(canary, stable, web -> { });
  }

  private static MeasurementResult measure(String canary, String stable,
      Consumer<CompareMetric.WebCounters> change) {
    CompareMetric compare = Requests.compare(canary, stable);
    compare.web = counters();
    change.accept(compare.web);
    return PROVIDER.measure(Requests.compare(compare));
  }

  private static CompareMetric.WebCounters counters() {
    CompareMetric.WebCounters web = new CompareMetric.WebCounters();
    web.url = base + "/traffic?revision={{revision}}";
    web.eventsPath = "$.errors";
    web.requestsPath = "$.requests";
    web.headers = List.of(new Header("Authorization", TOKEN));
    return web;
  }

  private record Answer(int status, String body) {}
}
