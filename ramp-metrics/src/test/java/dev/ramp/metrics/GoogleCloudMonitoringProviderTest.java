package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.GoogleCredentials;
import dev.ramp.api.analysis.GoogleCloudMonitoringMetric;
import dev.ramp.metrics.FakeCloudMonitoring.Answer;
import dev.ramp.metrics.FakeCloudMonitoring.Asked;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Google Cloud Monitoring provider against {@link FakeCloudMonitoring}, authenticated as
 * Application Default Credentials do with a service account's JSON key file (what
 * GOOGLE_APPLICATION_CREDENTIALS names): Google's own library signs the JWT and asks the fake's
 * token endpoint for the access token. Answers are Prometheus' query API shapes, refusals
 * Google's error shape.
 */
class GoogleCloudMonitoringProviderTest {
  private static final String ERROR_RATE = "sum(rate(http_requests_total{code=~\"5..\"}[5m]))"
      + " / sum(rate(http_requests_total[5m]))";

  private FakeCloudMonitoring google;
  private GoogleCloudMonitoringProvider provider;

  @BeforeEach
  void start() throws IOException {
    google = new FakeCloudMonitoring();
    google.answer(ERROR_RATE, Answer.prometheus("vector", "[{\"metric\":{\"pod\":\"b\"},"
        + "\"value\":[1765115130,\"0.02\"]}, {\"metric\":{\"pod\":\"a\"},"
        + "\"value\":[1765115130,\"0.01\"]}]"));
    google.answer("nothing", Answer.prometheus("vector", "[]"));
    google.answer("sum(", new Answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\","
        + "\"error\":\"1:5: parse error: unclosed left parenthesis\"}", Map.of()));
    String exhausted = "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for quota metric"
        + " 'Time series queries'\",\"status\":\"RESOURCE_EXHAUSTED\"}}";
    google.answer("busy", new Answer(429, exhausted, Map.of("Retry-After", "1")),
        Answer.prometheus("scalar", "[1765115130,\"1\"]"));
    google.answer("throttled", new Answer(429, exhausted, Map.of("Retry-After", "60")));
    google.answer("broken", new Answer(503, "{\"error\":{\"code\":503,\"message\":\"The service"
        + " is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}", Map.of()));
    google.answer("slow", new Answer(0, null, Map.of()));
    String key = google.serviceAccountKey();
    provider = new GoogleCloudMonitoringProvider(HttpClient.newHttpClient(),
        () -> GoogleCredentials.fromStream(new ByteArrayInputStream(
            key.getBytes(StandardCharsets.UTF_8))));
  }

  @AfterEach
  void stop() {
    google.close();
  }

  @Test
  void theQueryIsAnsweredAsPrometheusWouldWithTheServiceAccountsToken() {
    MeasurementResult result = measure(metric(ERROR_RATE));

    assertThat(result.value()).as(result.message()).isEqualTo(List.of(0.01, 0.02));
    assertThat(google.asked(ERROR_RATE)).extracting(Asked::token)
        .allMatch(token -> token.startsWith("ya29."));
    assertThat(measure(metric("nothing")).value()).isEqualTo(List.of());
  }

  @Test
  void theTokenIsKeptUntilItIsAboutToExpire() {
    measure(metric(ERROR_RATE));
    measure(metric(ERROR_RATE));
    assertThat(google.tokenRequests()).isEqualTo(1);

    // Google's library fetches a new token when less than a few minutes are left
    google.expiresIn(60);
    provider = new GoogleCloudMonitoringProvider(HttpClient.newHttpClient(),
        credentialsOf(google));
    measure(metric(ERROR_RATE));
    measure(metric(ERROR_RATE));

    assertThat(google.tokenRequests()).isEqualTo(3);
    List<Asked> asked = google.asked(ERROR_RATE);
    assertThat(asked.get(3).token()).isNotEqualTo(asked.get(2).token());
  }

  @Test
  void aRefusedTokenOrProjectNamesTheServiceAccountNeverTheToken() {
    GoogleCloudMonitoringMetric otherProject = metric(ERROR_RATE);
    otherProject.address = google.address("someone-elses");
    assertThat(measure(otherProject).message()).isEqualTo("Google Cloud Monitoring at "
        + google.address("someone-elses") + " refused the access token of the service account "
        + FakeCloudMonitoring.CLIENT_EMAIL + " (403): {\"error\":{\"code\":403,\"message\":"
        + "\"Permission monitoring.timeSeries.list denied (or the resource may not exist).\","
        + "\"status\":\"PERMISSION_DENIED\"}}");

    measure(metric(ERROR_RATE));
    google.revokeKey();
    assertThat(measure(metric(ERROR_RATE)).message()).startsWith("Google Cloud Monitoring at "
        + google.address(FakeCloudMonitoring.PROJECT) + " refused the access token of the"
        + " service account " + FakeCloudMonitoring.CLIENT_EMAIL + " (401):");
  }

  @Test
  void aKeyGoogleRefusesOrNoCredentialsAreErrorsSayingSo() {
    google.revokeKey();
    assertThat(measure(metric(ERROR_RATE)).message()).startsWith("no access token for the"
        + " service account " + FakeCloudMonitoring.CLIENT_EMAIL + ": ")
        .contains("invalid_grant");

    provider = new GoogleCloudMonitoringProvider(HttpClient.newHttpClient(),
        () -> GoogleCredentials.fromStream(new ByteArrayInputStream(
            "{\"client_email\": \"x\"}".getBytes(StandardCharsets.UTF_8))));
    assertThat(measure(metric(ERROR_RATE)).message()).isEqualTo("Google's Application Default"
        + " Credentials could not be loaded: Error reading credentials from stream, 'type' field"
        + " not specified.");
    assertThat(google.asked(ERROR_RATE)).isEmpty();
  }

  @Test
  void aBadQueryAServerFailureATimeoutAndRateLimitingAreErrors() {
    assertThat(measure(metric("sum(")).message()).isEqualTo("Google Cloud Monitoring at "
        + google.address(FakeCloudMonitoring.PROJECT) + " answered 400: bad_data: 1:5: parse"
        + " error: unclosed left parenthesis");
    assertThat(measure(metric("broken")).message()).isEqualTo("Google Cloud Monitoring at "
        + google.address(FakeCloudMonitoring.PROJECT) + " failed (503): {\"error\":{\"code\":503,"
        + "\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}");
    GoogleCloudMonitoringMetric slow = metric("slow");
    slow.timeout = new IntOrString("500ms");
    assertThat(measure(slow).message()).isEqualTo("Google Cloud Monitoring at "
        + google.address(FakeCloudMonitoring.PROJECT) + " did not answer within 500ms");

    MeasurementResult busy = measure(metric("busy"));
    assertThat(busy.value()).as(busy.message()).isEqualTo(1.0);
    List<Asked> asked = google.asked("busy");
    assertThat(Duration.ofNanos(asked.get(1).atNanos() - asked.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(measure(metric("throttled")).message()).startsWith("Google Cloud Monitoring at "
        + google.address(FakeCloudMonitoring.PROJECT) + " is rate limiting (429) and asks to"
        + " wait 1m: {\"error\":{\"code\":429,");
  }

  @Test
  void aProjectThatIsNotAnIdIsToldBeforeAnythingIsSent() {
    GoogleCloudMonitoringMetric number = metric(ERROR_RATE);
    number.project = "123456789012";
    number.address = null;

    assertThat(measure(number).message()).isEqualTo("project \"123456789012\" is not a Google"
        + " Cloud project ID (6 to 30 lowercase letters, digits and hyphens)");
    assertThat(google.tokenRequests()).isZero();
  }

  private MeasurementResult measure(GoogleCloudMonitoringMetric metric) {
    MeasurementResult result = provider.measure(Requests.googleCloudMonitoring(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("ya29.")
        .doesNotContain("PRIVATE KEY");
    return result;
  }

  private static GoogleAccessTokens.Source credentialsOf(FakeCloudMonitoring google) {
    return () -> GoogleCredentials.fromStream(new ByteArrayInputStream(
        google.serviceAccountKey().getBytes(StandardCharsets.UTF_8)));
  }

  /** The project and query, and the fake's address in place of Google's. */
  private GoogleCloudMonitoringMetric metric(String query) {
    GoogleCloudMonitoringMetric metric = new GoogleCloudMonitoringMetric();
    metric.project = FakeCloudMonitoring.PROJECT;
    metric.query = query;
    metric.address = google.address(FakeCloudMonitoring.PROJECT);
    return metric;
  }
}
