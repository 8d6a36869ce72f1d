package dev.ramp.metrics;

import dev.ramp.api.analysis.WavefrontMetric;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A Wavefront query, as Argo Rollouts runs it: {@code GET /api/v2/chart/api} asking for one
 * point per series, now ({@code s} now in milliseconds, {@code g=s}, {@code p=1},
 * {@code i=false}). {@code result} is the value each series has now ({@link ValueSeries#latest}):
 * a Double for one series, a List for several.
 */
public final class WavefrontProvider implements MetricProvider {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final Secrets secrets;
  private final Clock clock;

  /** @param clock when "now" is */
  public WavefrontProvider(HttpClient http, Secrets secrets, Clock clock) {
    this.http = http;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    WavefrontMetric metric = request.metric().provider.wavefront;
    return MeasurementResult.valueOf(() -> {
      Duration timeout = Timeouts.parse(metric.timeout, DEFAULT_TIMEOUT);
      if (metric.query == null || metric.query.isBlank()) {
        throw new MeasurementException("query is empty");
      }
      WavefrontCluster cluster = WavefrontCluster.read(secrets, request.namespace(),
          metric.address);
      SeriesCall call = new SeriesCall(http, "Wavefront at "
          + HttpCall.describe(cluster.address()), cluster.token().credential(),
          cluster.token().secretValues(), timeout);
      return call.latest("Wavefront query", metric.query, chart(cluster, metric.query),
          WavefrontAnswer::series);
    });
  }

  private HttpRequest chart(WavefrontCluster cluster, String query)
      throws MeasurementException {
    String base = cluster.address().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/api/v2/chart/api?q=" + URLEncoder.encode(query,
        StandardCharsets.UTF_8) + "&s=" + clock.millis() + "&g=s&p=1&i=false");
    return cluster.token().authorize(HttpRequest.newBuilder(uri), "Authorization", "Bearer ")
        .header("Accept", "application/json").GET().build();
  }
}
