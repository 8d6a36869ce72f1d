package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.PrometheusAuthentication;
import dev.ramp.api.analysis.PrometheusMetric;
import dev.ramp.api.analysis.PrometheusRangeQuery;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A managed Prometheus that wants an OAuth2 client-credentials token, from a local token
 * endpoint: Ramp fetches the token, keeps it while it is valid, and sends it as a Bearer token.
 */
class PrometheusOAuth2Test {
  private static final String CLIENT_SECRET = "cl1ent-s3cret";
  private static final String SCALAR_ANSWER =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"0.75\"]}}";

  private final PrometheusProvider provider =
      new PrometheusProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()));
  private final List<String> forms = new CopyOnWriteArrayList<>();
  /** What the token endpoint answers: the status, then the body. */
  private final AtomicReference<String> tokenAnswer = new AtomicReference<>(
      "200 {\"access_token\":\"t0ken-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  private HttpServer server;
  private String address;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackHttp.server();
    server.createContext("/oauth2/token", exchange -> {
      forms.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      String[] answer = tokenAnswer.get().split(" ", 2);
      LoopbackHttp.answer(exchange, Integer.parseInt(answer[0]), "application/json", answer[1]);
    });
    server.createContext("/api/v1/query", exchange -> {
      String sent = exchange.getRequestHeaders().getFirst("Authorization");
      boolean valid = sent != null && sent.matches("Bearer t0ken-\\d+");
      LoopbackHttp.answer(exchange, valid ? 200 : 401, "application/json",
          valid ? SCALAR_ANSWER : "{\"status\":\"error\",\"error\":\"unauthorized\"}");
    });
    server.start();
    address = LoopbackHttp.url(server);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void fetchesATokenWithTheClientCredentialsAndKeepsItWhileValid() {
    assertThat(measure().value()).isEqualTo(0.75);
    assertThat(measure().value()).isEqualTo(0.75);
    assertThat(forms).containsExactly("grant_type=client_credentials&client_id=ramp"
        + "&client_secret=" + CLIENT_SECRET + "&scope=metrics:read tenant:a");
  }

  @Test
  void fetchesAnotherTokenWhenItIsAboutToExpire() {
    tokenAnswer.set("200 {\"access_token\":\"t0ken-2\",\"expires_in\":5}");
    assertThat(measure().value()).isEqualTo(0.75);
    assertThat(measure().value()).isEqualTo(0.75);
    assertThat(forms).hasSize(2);
  }

  @Test
  void aRefusedTokenRequestNamesTheTokenUrlAndNeverTheSecret() {
    tokenAnswer.set("401 {\"error\":\"invalid_client\",\"secret\":\"" + CLIENT_SECRET + "\"}");
    assertThat(measure().message()).isEqualTo("the OAuth2 token endpoint " + address
        + "/oauth2/token refused the client credentials of clientId ramp (401):"
        + " {\"error\":\"invalid_client\",\"secret\":\"<redacted>\"}");
  }

  @Test
  void anAnswerWithoutATokenIsAnError() {
    tokenAnswer.set("200 <html>login</html>");
    assertThat(measure().message()).isEqualTo("the OAuth2 token endpoint " + address
        + "/oauth2/token answered 200 without an access_token: <html>login</html>");
  }

  @Test
  void aMetricWrongInItselfAsksForNoToken() {
    MeasurementRequest request = request();
    request.metric().provider.prometheus.rangeQuery = new PrometheusRangeQuery();
    request.metric().provider.prometheus.rangeQuery.start = "5m ago";
    assertThat(provider.measure(request).message()).startsWith("rangeQuery.start \"5m ago\"");

    CompareMetric.PrometheusCounters counters = new CompareMetric.PrometheusCounters();
    counters.address = address;
    counters.events = "sum(errors)";
    counters.requests = "sum(requests{revision=\"{{revision}}\"})";
    counters.authentication = request.metric().provider.prometheus.authentication;
    CompareMetric compare = Requests.compare("c4n4ry", "st4bl3");
    compare.prometheus = counters;
    assertThat(new CompareProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()))
        .measure(Requests.compare(compare)).message()).isEqualTo("the events query has no"
            + " {{revision}}, so the canary and the stable revision would read the same counter");

    assertThat(forms).isEmpty();
  }

  private MeasurementResult measure() {
    return provider.measure(request());
  }

  private MeasurementRequest request() {
    MeasurementRequest request = Requests.prometheus(address, "up", null);
    PrometheusMetric metric = request.metric().provider.prometheus;
    metric.authentication = new PrometheusAuthentication();
    metric.authentication.oauth2 = new PrometheusAuthentication.OAuth2();
    metric.authentication.oauth2.tokenUrl = address + "/oauth2/token";
    metric.authentication.oauth2.clientId = "ramp";
    metric.authentication.oauth2.clientSecret = CLIENT_SECRET;
    metric.authentication.oauth2.scopes = List.of("metrics:read", "tenant:a");
    return request;
  }
}
