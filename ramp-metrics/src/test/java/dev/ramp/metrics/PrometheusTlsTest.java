package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsServer;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.PrometheusAuthentication;
import dev.ramp.api.analysis.PrometheusMetric;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prometheus, and its OAuth2 token endpoint, served over HTTPS with a self-signed certificate
 * made by the JDK's keytool: the JVM does not trust it, {@code insecure} skips the check, and
 * {@code ca} trusts it, for {@code provider.prometheus} and {@code compare.prometheus} alike.
 */
class PrometheusTlsTest {
  private static final String SCALAR_ANSWER =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"0.25\"]}}";
  private static final SecretKeySelector CA =
      new SecretKeySelector("ca.crt", "prometheus-ca", false);

  @TempDir static Path dir;
  private static HttpsServer server;
  private static String address;
  private static String certificate;
  private static String otherCertificate;
  private static final List<String> tokenRequests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    LoopbackHttps.Certificate prometheus = LoopbackHttps.selfSigned(dir, "prometheus");
    certificate = prometheus.pem();
    otherCertificate = LoopbackHttps.selfSigned(dir, "other").pem();
    server = LoopbackHttps.server(prometheus);
    server.createContext("/api/v1/query", exchange ->
        LoopbackHttp.answer(exchange, 200, "application/json", SCALAR_ANSWER));
    server.createContext("/oauth2/token", exchange -> {
      tokenRequests.add(exchange.getRequestMethod());
      LoopbackHttp.answer(exchange, 200, "application/json",
          "{\"access_token\":\"tls-t0ken\",\"expires_in\":3600}");
    });
    server.createContext("/oauth/api/v1/query", exchange -> {
      boolean valid = "Bearer tls-t0ken".equals(
          exchange.getRequestHeaders().getFirst("Authorization"));
      LoopbackHttp.answer(exchange, valid ? 200 : 401, "application/json",
          valid ? SCALAR_ANSWER : "{\"status\":\"error\",\"error\":\"unauthorized\"}");
    });
    server.start();
    address = LoopbackHttps.url(server);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void aCertificateTheJvmDoesNotTrustIsRefusedNamingTls() {
    assertThat(measure(null, null, Map.of()).message())
        .startsWith("Prometheus at " + address + " could not be reached: the TLS handshake"
            + " failed: ")
        .contains("not trusted");
  }

  @Test
  void insecureSkipsTheVerification() {
    assertThat(measure(true, null, Map.of()).value()).isEqualTo(0.25);
  }

  @Test
  void theCaFromASecretIsTrusted() {
    assertThat(measure(null, CA, caSecret(certificate)).value()).isEqualTo(0.25);
  }

  @Test
  void aMissingOrMalformedCaIsAnErrorNamingTheSecretKey() {
    assertThat(measure(null, CA, Map.of()).message()).isEqualTo("the CA bundle, Secret"
        + " prometheus-ca in namespace " + Requests.NAMESPACE + ", does not exist");
    assertThat(measure(null, CA, Map.of("prometheus-ca", Map.of("tls.crt", certificate)))
        .message()).isEqualTo("the CA bundle, key ca.crt of Secret prometheus-ca, does not exist");
    assertThat(measure(null, CA, caSecret("not a PEM")).message()).isEqualTo("the CA bundle,"
        + " key ca.crt of Secret prometheus-ca, is not PEM certificates"
        + " (-----BEGIN CERTIFICATE-----)");
  }

  @Test
  void theOAuth2TokenIsFetchedWithTheCaOfTheMetric() {
    tokenRequests.clear();
    assertThat(measure(null, CA, caSecret(certificate), oauth2()).value()).isEqualTo(0.25);
    assertThat(tokenRequests).containsExactly("POST");
  }

  @Test
  void theOAuth2TokenIsFetchedInsecurelyWhenTheMetricIsInsecure() {
    tokenRequests.clear();
    assertThat(measure(true, null, Map.of(), oauth2()).value()).isEqualTo(0.25);
    assertThat(tokenRequests).containsExactly("POST");
  }

  @Test
  void compareReadsItsCountersInsecurelyOrWithItsCa() {
    CounterReading quarter = new CounterReading(0.25, 0.25, 0.25, 0.25);
    // the JDK's own explanation follows, in its words
    assertThat(compare(counters -> { }, Map.of()).message())
        .startsWith("canary revision c4n4ry: the events query: Prometheus at " + address
            + " could not be reached: the TLS handshake failed: its certificate is not trusted");
    assertThat(compare(counters -> counters.insecure = true, Map.of()).value())
        .isEqualTo(quarter);
    assertThat(compare(counters -> counters.ca = CA, caSecret(certificate)).value())
        .isEqualTo(quarter);
  }

  @Test
  void compareFetchesItsOAuth2TokenWithItsCa() {
    tokenRequests.clear();
    assertThat(compare(counters -> {
      counters.address = address + "/oauth";
      counters.ca = CA;
      counters.authentication = oauth2();
    }, caSecret(certificate)).value()).isEqualTo(new CounterReading(0.25, 0.25, 0.25, 0.25));
    assertThat(tokenRequests).containsExactly("POST");
  }

  @Test
  void rotatingTheCaSecretAHundredTimesKeepsOneClient() throws Exception {
    Map<String, Map<String, String>> secrets = new HashMap<>();
    TlsClients clients =
        new TlsClients(HttpClient.newHttpClient(), Requests.secrets(secrets));
    for (int rotation = 0; rotation < 100; rotation++) {
      // every rotation a new bundle: Prometheus' CA, then another, in turn
      boolean prometheusCa = rotation % 2 == 0;
      secrets.put(CA.getName(), Map.of(CA.getKey(),
          (prometheusCa ? certificate : otherCertificate) + "\n".repeat(rotation)));
      HttpClient client = clients.client(Requests.NAMESPACE, false, CA);
      HttpRequest query = HttpRequest.newBuilder(URI.create(address + "/api/v1/query")).build();
      if (prometheusCa) {
        assertThat(client.send(query, HttpResponse.BodyHandlers.ofString()).body())
            .isEqualTo(SCALAR_ANSWER);
      } else {
        assertThatThrownBy(
            () -> client.send(query, HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(SSLHandshakeException.class);
      }
    }
    assertThat(clients.caClients()).isEqualTo(1);
  }

  private static PrometheusAuthentication oauth2() {
    PrometheusAuthentication authentication = new PrometheusAuthentication();
    authentication.oauth2 = new PrometheusAuthentication.OAuth2();
    authentication.oauth2.tokenUrl = address + "/oauth2/token";
    authentication.oauth2.clientId = "ramp";
    authentication.oauth2.clientSecret = "cl1ent-s3cret";
    return authentication;
  }

  private static Map<String, Map<String, String>> caSecret(String pem) {
    return Map.of(CA.getName(), Map.of(CA.getKey(), pem));
  }

  private static MeasurementResult measure(Boolean insecure, SecretKeySelector ca,
      Map<String, Map<String, String>> secrets) {
    return measure(insecure, ca, secrets, null);
  }

  private static MeasurementResult measure(Boolean insecure, SecretKeySelector ca,
      Map<String, Map<String, String>> secrets, PrometheusAuthentication authentication) {
    MeasurementRequest request = Requests.prometheus(
        authentication == null ? address : address + "/oauth", "up", null);
    PrometheusMetric metric = request.metric().provider.prometheus;
    metric.insecure = insecure;
    metric.ca = ca;
    metric.authentication = authentication;
    return new PrometheusProvider(HttpClient.newHttpClient(), Requests.secrets(secrets))
        .measure(request);
  }

  private static MeasurementResult compare(Consumer<CompareMetric.PrometheusCounters> change,
      Map<String, Map<String, String>> secrets) {
    CompareMetric.PrometheusCounters counters = new CompareMetric.PrometheusCounters();
    counters.address = address;
    counters.events = "errors{revision=\"{{revision}}\"}";
    counters.requests = "requests{revision=\"{{revision}}\"}";
    change.accept(counters);
    CompareMetric compare = Requests.compare("c4n4ry", "st4bl3");
    compare.prometheus = counters;
    return new CompareProvider(HttpClient.newHttpClient(), Requests.secrets(secrets))
        .measure(Requests.compare(compare));
  }
}
