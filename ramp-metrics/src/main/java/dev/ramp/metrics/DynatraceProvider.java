package dev.ramp.metrics;

import dev.ramp.api.analysis.DynatraceMetric;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A Dynatrace metric selector, as Flagger runs it: {@code GET /api/v2/metrics/query} over the
 * last {@code interval} (default 5m) at {@code resolution=Inf}, one value per series for the
 * whole window, with the API token of the Secret {@code secretRef} names (key
 * {@value #TOKEN_KEY}) as {@code Authorization: Api-Token}. {@code result} is each series'
 * value ({@link ValueSeries#latest}): a Double for one series, a List for several.
 */
public final class DynatraceProvider implements MetricProvider {
  static final String DEFAULT_SECRET = "dynatrace";
  static final String TOKEN_KEY = "dynatrace_token";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final Secrets secrets;
  private final Clock clock;

  /** @param clock where the measured window ends */
  public DynatraceProvider(HttpClient http, Secrets secrets, Clock clock) {
    this.http = http;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    DynatraceMetric metric = request.metric().provider.dynatrace;
    return MeasurementResult.valueOf(() -> {
      Duration timeout = Timeouts.parse(metric.timeout, DEFAULT_TIMEOUT);
      Duration window = Intervals.parse(metric.interval);
      if (metric.query == null || metric.query.isBlank()) {
        throw new MeasurementException("query is empty");
      }
      URI address = HttpCall.uri(metric.address, "the address");
      String secret = metric.secretRef == null || metric.secretRef.getName() == null
          || metric.secretRef.getName().isBlank() ? DEFAULT_SECRET
          : metric.secretRef.getName().trim();
      SecretToken token = SecretToken.require(secrets, request.namespace(), secret, TOKEN_KEY,
          "Dynatrace");
      SeriesCall call = new SeriesCall(http, "Dynatrace at " + HttpCall.describe(address),
          token.credential(), token.secretValues(), timeout);
      return call.latest("Dynatrace metric selector", metric.query,
          query(address, token, metric.query, window), DynatraceAnswer::series);
    });
  }

  private HttpRequest query(URI address, SecretToken token, String selector, Duration window)
      throws MeasurementException {
    long to = clock.millis();
    URI uri = URI.create(address.toString().replaceAll("/+$", "")
        + "/api/v2/metrics/query?metricSelector=" + URLEncoder.encode(selector,
            StandardCharsets.UTF_8) + "&resolution=Inf&from=" + (to - window.toMillis())
        + "&to=" + to);
    return token.authorize(HttpRequest.newBuilder(uri), "Authorization", "Api-Token ")
        .header("Accept", "application/json").GET().build();
  }
}
