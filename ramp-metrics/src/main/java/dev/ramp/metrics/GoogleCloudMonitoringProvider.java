package dev.ramp.metrics;

import com.google.auth.oauth2.GoogleCredentials;
import dev.ramp.api.analysis.GoogleCloudMonitoringMetric;
import dev.ramp.api.analysis.Header;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

/**
 * An instant PromQL query to Google Cloud Monitoring's Prometheus-compatible API
 * ({@code https://monitoring.googleapis.com/v1/projects/<project>/location/global/prometheus}),
 * with a bearer token of the controller's Application Default Credentials. The answer is read
 * as Prometheus' ({@link PrometheusQuery}), so {@code result} is what the query gives with the
 * Prometheus provider.
 */
public final class GoogleCloudMonitoringProvider implements MetricProvider {
  private static final String PROMETHEUS_API =
      "https://monitoring.googleapis.com/v1/projects/%s/location/global/prometheus";
  /** Google's form of a project ID: 6 to 30 lowercase letters, digits and hyphens. */
  private static final String PROJECT_ID = "[a-z][a-z0-9-]{4,28}[a-z0-9]";

  private final HttpClient http;
  private final GoogleAccessTokens tokens;

  /** Authenticates with the controller's Application Default Credentials. */
  public GoogleCloudMonitoringProvider(HttpClient http) {
    this(http, GoogleCredentials::getApplicationDefault);
  }

  GoogleCloudMonitoringProvider(HttpClient http, GoogleAccessTokens.Source credentials) {
    this.http = http;
    this.tokens = new GoogleAccessTokens(credentials);
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    GoogleCloudMonitoringMetric metric = request.metric().provider.googleCloudMonitoring;
    return MeasurementResult.valueOf(() -> {
      String project = String.valueOf(metric.project).trim();
      if (!project.matches(PROJECT_ID)) {
        throw new MeasurementException("project \"" + metric.project + "\" is not a Google"
            + " Cloud project ID (6 to 30 lowercase letters, digits and hyphens)");
      }
      URI address = metric.address == null ? URI.create(String.format(PROMETHEUS_API, project))
          : HttpCall.uri(metric.address, "the Google Cloud Monitoring address");
      List<Header> bearer = List.of(new Header("Authorization", "Bearer " + tokens.token()));
      return new PrometheusQuery(http, address, "Google Cloud Monitoring", metric.timeout,
          bearer, "the access token of " + tokens.describe(), null).run(metric.query);
    });
  }
}
