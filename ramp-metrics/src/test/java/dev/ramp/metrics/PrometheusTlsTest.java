package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ramp.api.analysis.PrometheusMetric;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prometheus served over HTTPS with a self-signed certificate, made by the JDK's keytool: the
 * JVM does not trust it, {@code insecure} skips the check, and {@code ca} trusts it.
 */
class PrometheusTlsTest {
  private static final String PASSWORD = "changeit";
  private static final String SCALAR_ANSWER =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"0.25\"]}}";

  @TempDir static Path dir;
  private static HttpsServer server;
  private static String address;
  private static String certificate;

  @BeforeAll
  static void start() throws Exception {
    Path keystore = dir.resolve("prometheus.p12");
    keytool("-genkeypair", "-alias", "prometheus", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
    Path pem = dir.resolve("prometheus.pem");
    keytool("-exportcert", "-rfc", "-alias", "prometheus", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-file", pem.toString());
    certificate = Files.readString(pem);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress(LoopbackHttp.LOOPBACK, 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/api/v1/query", exchange ->
        LoopbackHttp.answer(exchange, 200, "application/json", SCALAR_ANSWER));
    server.start();
    address = "https://127.0.0.1:" + server.getAddress().getPort();
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
    assertThat(measure(null, new SecretKeySelector("ca.crt", "prometheus-ca", false),
        Map.of("prometheus-ca", Map.of("ca.crt", certificate))).value()).isEqualTo(0.25);
  }

  @Test
  void aMissingOrMalformedCaIsAnErrorNamingTheSecretKey() {
    SecretKeySelector ca = new SecretKeySelector("ca.crt", "prometheus-ca", false);
    assertThat(measure(null, ca, Map.of()).message()).isEqualTo("the CA bundle, Secret"
        + " prometheus-ca in namespace " + Requests.NAMESPACE + ", does not exist");
    assertThat(measure(null, ca, Map.of("prometheus-ca", Map.of("tls.crt", certificate)))
        .message()).isEqualTo("the CA bundle, key ca.crt of Secret prometheus-ca, does not exist");
    assertThat(measure(null, ca, Map.of("prometheus-ca", Map.of("ca.crt", "not a PEM")))
        .message()).isEqualTo("the CA bundle, key ca.crt of Secret prometheus-ca, is not PEM"
            + " certificates (-----BEGIN CERTIFICATE-----)");
  }

  private static MeasurementResult measure(Boolean insecure, SecretKeySelector ca,
      Map<String, Map<String, String>> secrets) {
    MeasurementRequest request = Requests.prometheus(address, "up", null);
    PrometheusMetric metric = request.metric().provider.prometheus;
    metric.insecure = insecure;
    metric.ca = ca;
    return new PrometheusProvider(HttpClient.newHttpClient(), Requests.secrets(secrets))
        .measure(request);
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(
        List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
  }
}
