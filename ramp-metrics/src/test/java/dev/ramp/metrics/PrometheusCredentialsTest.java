package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramp.api.analysis.Header;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Prometheus behind a gateway that wants a credential, as users of managed Prometheus write it
 * the Argo Rollouts way: an {@code Authorization} header built from an argument read from a
 * Secret. The gateway echoes what it refused, as some do; the message names the header, never
 * the credential.
 */
class PrometheusCredentialsTest {
  private static final String TOKEN = "s3cr3t-t0ken";
  private static final String BASIC = Base64.getEncoder()
      .encodeToString("grafana:pa55word".getBytes(StandardCharsets.UTF_8));

  private final PrometheusProvider provider = new PrometheusProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()));
  private HttpServer gateway;
  private String address;

  @BeforeEach
  void start() throws IOException {
    gateway = LoopbackHttp.server();
    gateway.createContext("/api/v1/query", exchange -> {
      String sent = exchange.getRequestHeaders().getFirst("Authorization");
      String credentials = sent == null ? "" : sent.substring(sent.indexOf(' ') + 1);
      if (("Bearer " + TOKEN).equals(sent) || ("Basic " + BASIC).equals(sent)) {
        LoopbackHttp.answer(exchange, 200, "application/json",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"0.5\"]}}");
      } else {
        LoopbackHttp.answer(exchange, sent == null ? 401 : 403, "text/plain",
            "credentials " + credentials + " are not valid");
      }
    });
    gateway.start();
    address = LoopbackHttp.url(gateway);
  }

  @AfterEach
  void stop() {
    gateway.stop(0);
  }

  @Test
  void aBearerTokenIsSent() {
    assertThat(measure(new Header("Authorization", "Bearer " + TOKEN)).value()).isEqualTo(0.5);
  }

  @Test
  void basicAuthIsSent() {
    assertThat(measure(new Header("Authorization", "Basic " + BASIC)).value()).isEqualTo(0.5);
  }

  @Test
  void aRefusedTokenIsNamedByItsHeaderAndNeverShown() {
    MeasurementResult result = measure(new Header("Authorization", "Bearer wrong-t0ken"));
    assertThat(result.message()).isEqualTo("Prometheus at " + address
        + " refused the headers Authorization (403): credentials <redacted> are not valid");
  }

  @Test
  void refusedBasicCredentialsAreNeverShown() {
    String wrong = Base64.getEncoder()
        .encodeToString("grafana:wrong".getBytes(StandardCharsets.UTF_8));
    MeasurementResult result = measure(new Header("Authorization", "Basic " + wrong));
    assertThat(result.message()).doesNotContain(wrong).endsWith("<redacted> are not valid");
  }

  @Test
  void noCredentialIsARequestWithoutHeaders() {
    assertThat(provider.measure(Requests.prometheus(address, "up", null)).message())
        .isEqualTo("Prometheus at " + address
            + " refused a request without headers (401): credentials are not valid");
  }

  private MeasurementResult measure(Header authorization) {
    return provider.measure(Requests.prometheus(address, "up", null, authorization));
  }
}
