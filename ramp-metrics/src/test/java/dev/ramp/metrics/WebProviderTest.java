package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.WebMetric;
import dev.ramp.metrics.MeasurementResult.State;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebProviderTest {
  private static final String METRICS = """
      {"data": {"errorRate": 0.01, "requests": 1200, "healthy": true, "version": "v2",
                "latencies": [120, 250.5, 300],
                "pods": [{"name": "a", "ready": true}, {"name": "b", "ready": false}]}}
      """;
  private static final WebProvider PROVIDER = new WebProvider(HttpClient.newHttpClient());
  private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();
  private static final List<Instant> BUSY = new CopyOnWriteArrayList<>();

  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    server = LoopbackHttp.server();
    server.createContext("/metrics", exchange -> LoopbackHttp.answer(exchange, 200,
        "application/json", METRICS));
    server.createContext("/small", exchange -> LoopbackHttp.answer(exchange, 200,
        "application/json", "{\"a\": 1, \"b\": [true, \"x\", null]}"));
    server.createContext("/echo", exchange -> {
      RECEIVED.put("method", exchange.getRequestMethod());
      RECEIVED.put("body", new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8));
      RECEIVED.put("x-api-key", String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")));
      RECEIVED.put("content-type",
          String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      LoopbackHttp.answer(exchange, 200, "application/json", "{\"accepted\": true}");
    });
    server.createContext("/fail", exchange -> LoopbackHttp.answer(exchange, 500,
        "application/json", "{\"error\": \"boom\"}"));
    server.createContext("/denied", exchange -> LoopbackHttp.answer(exchange, 401,
        "application/json", "{\"error\": \"" + exchange.getRequestHeaders()
            .getFirst("Authorization") + " is not valid for key "
            + exchange.getRequestURI().getQuery().substring("key=".length()) + "\"}"));
    server.createContext("/busy", exchange -> {
      BUSY.add(Instant.now());
      if (BUSY.size() == 1) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        LoopbackHttp.answer(exchange, 429, "application/json", "{\"error\": \"slow down\"}");
      } else {
        LoopbackHttp.answer(exchange, 200, "application/json", "{\"ok\": true}");
      }
    });
    server.createContext("/html", exchange -> LoopbackHttp.answer(exchange, 200, "text/html",
        "<html>a dashboard</html>"));
    server.createContext("/slow", exchange -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LoopbackHttp.answer(exchange, 200, "application/json", "{}");
    });
    server.start();
    base = LoopbackHttp.url(server);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void jsonPathPicksNumbersAsDoubles() {
    assertThat(pick("$.data.errorRate")).isEqualTo(0.01);
    assertThat(pick("$.data.requests")).isEqualTo(1200.0);
    assertThat(pick("$.data.latencies[1]")).isEqualTo(250.5);
  }

  @Test
  void jsonPathPicksStringsBooleansAndNestedValues() {
    assertThat(pick("$.data.version")).isEqualTo("v2");
    assertThat(pick("$.data.healthy")).isEqualTo(true);
    assertThat(pick("$.data.pods[1].ready")).isEqualTo(false);
    assertThat(pick("$.data.pods[0]")).isEqualTo(Map.of("name", "a", "ready", true));
    assertThat(pick("$.data.latencies")).isEqualTo(List.of(120.0, 250.5, 300.0));
  }

  @Test
  void theArgoRolloutsBracedFormIsAccepted() {
    assertThat(pick("{$.data.errorRate}")).isEqualTo(0.01);
  }

  @Test
  void aWildcardOrFilterGivesAList() {
    assertThat(pick("$.data.pods[*].ready")).isEqualTo(List.of(true, false));
    assertThat(pick("$.data.pods[?(@.ready == true)].name")).isEqualTo(List.of("a"));
  }

  @Test
  void withoutJsonPathTheWholeDocumentIsTheValue() {
    assertThat(measure(Requests.get(base + "/small", null)).value())
        .isEqualTo(Map.of("a", 1.0, "b", Arrays.asList(true, "x", null)));
  }

  @Test
  void postSendsTheBodyAndHeadersAsJson() {
    MeasurementResult result = measure(Requests.get(base + "/echo", "$.accepted"), web -> {
      web.method = "post";
      web.body = "{\"query\": \"errors\"}";
      web.headers = List.of(new Header("X-Api-Key", "k3y"));
    });
    assertThat(result.value()).isEqualTo(true);
    assertThat(RECEIVED).containsEntry("method", "POST")
        .containsEntry("body", "{\"query\": \"errors\"}")
        .containsEntry("x-api-key", "k3y")
        .containsEntry("content-type", "application/json");
  }

  @Test
  void anExplicitContentTypeIsKept() {
    measure(Requests.get(base + "/echo", null), web -> {
      web.method = "PUT";
      web.body = "errors";
      web.headers = List.of(new Header("content-type", "text/plain"));
    });
    assertThat(RECEIVED).containsEntry("method", "PUT").containsEntry("content-type", "text/plain");
  }

  @Test
  void anErrorStatusIsAnError() {
    assertThat(measure(Requests.get(base + "/fail", "$.error")).message())
        .isEqualTo("GET " + base + "/fail failed (500): {\"error\": \"boom\"}");
  }

  @Test
  void aRefusalNamesTheHeadersSentAndBlanksWhatTheAnswerRepeatsOfThemOrOfTheQuery() {
    WebMetric metric = Requests.get(base + "/denied?key=k3y-value", "$.ok");
    metric.headers = List.of(new Header("Authorization", "Bearer s3cr3t-t0ken"));

    assertThat(measure(metric).message()).isEqualTo("GET " + base + "/denied refused the headers"
        + " Authorization (401): {\"error\": \"<redacted> is not valid for key <redacted>\"}");
  }

  @Test
  void aShortRetryAfterIsWaitedOutAndTheRequestSentAgain() {
    MeasurementResult result = measure(Requests.get(base + "/busy", "$.ok"));

    assertThat(result.value()).as(result.message()).isEqualTo(true);
    assertThat(BUSY).hasSize(2);
    assertThat(Duration.between(BUSY.get(0), BUSY.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aBodyThatIsNotJsonIsAnError() {
    assertThat(measure(Requests.get(base + "/html", null)).message())
        .isEqualTo("GET " + base + "/html answered 200 but the body is not JSON");
  }

  @Test
  void aJsonPathThatMatchesNothingIsAnError() {
    assertThat(measure(Requests.get(base + "/metrics", "$.data.missing")).message())
        .isEqualTo("jsonPath $.data.missing matched nothing in the response");
    assertThat(measure(Requests.get(base + "/metrics", "{$.data.pods[?(@.name == 'c')]}"))
        .message())
        .isEqualTo("jsonPath {$.data.pods[?(@.name == 'c')]} matched nothing in the response");
  }

  @Test
  void aSlowServerTimesOut() {
    long start = System.nanoTime();
    MeasurementResult result = measure(Requests.get(base + "/slow", null),
        web -> web.timeout = new IntOrString("200ms"));
    assertThat(result.message()).isEqualTo("GET " + base + "/slow did not answer within 200ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void secretsNeverAppearInMessages() {
    String nowhere = "http://127.0.0.1:" + LoopbackHttp.closedPort();
    List<MeasurementResult> results = List.of(
        withSecrets(base + "/fail?api_key=SECRET-QUERY", null),
        withSecrets(base + "/html?api_key=SECRET-QUERY", null),
        withSecrets(base + "/metrics?api_key=SECRET-QUERY", "$.missing"),
        withSecrets(base + "/slow?api_key=SECRET-QUERY", null),
        withSecrets(nowhere + "/?api_key=SECRET-QUERY", null),
        withSecrets("http://user:SECRET-PASSWORD@127.0.0.1:1/", null),
        withSecrets("not a url SECRET-URL", null),
        measure(Requests.get(base + "/metrics", null),
            web -> web.headers = List.of(new Header("X-Api-Key", "SECRET-HEADER\nInjected: 1"))));
    assertThat(results).allSatisfy(result -> {
      assertThat(result.state()).isEqualTo(State.ERROR);
      assertThat(result.message()).isNotBlank().doesNotContain("SECRET");
    });
  }

  private static MeasurementResult withSecrets(String url, String jsonPath) {
    return measure(Requests.get(url, jsonPath), web -> {
      web.method = "POST";
      web.body = "{\"token\": \"SECRET-BODY\"}";
      web.headers = List.of(new Header("Authorization", "Bearer SECRET-HEADER"));
      web.timeout = new IntOrString("200ms");
    });
  }

  private static Object pick(String jsonPath) {
    MeasurementResult result = measure(Requests.get(base + "/metrics", jsonPath));
    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    return result.value();
  }

  private static MeasurementResult measure(WebMetric web) {
    return PROVIDER.measure(Requests.web(web));
  }

  private static MeasurementResult measure(WebMetric web, Consumer<WebMetric> change) {
    change.accept(web);
    return measure(web);
  }
}
