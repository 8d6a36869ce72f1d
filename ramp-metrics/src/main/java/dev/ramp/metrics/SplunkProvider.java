package dev.ramp.metrics;

import dev.ramp.api.analysis.SplunkMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * A Splunk Observability (SignalFx) SignalFlow program, as Flagger runs it: computed over the
 * last {@code interval} (default 5m) with {@code immediate=true}, so the computation ends at
 * once, with the access token of the Secret {@code secretRef} names (key {@value #TOKEN_KEY}) as
 * {@code X-SF-Token}. Ramp asks the SignalFlow API over HTTP ({@code POST
 * /v2/signalflow/execute}, answered as server-sent events) rather than a WebSocket: one
 * request per measurement. {@code result} is the latest value of each published series
 * ({@link ValueSeries#latest}): a Double for one series, a List for several.
 */
public final class SplunkProvider implements MetricProvider {
  static final String DEFAULT_SECRET = "splunk";
  static final String TOKEN_KEY = "sf_token_key";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final Secrets secrets;
  private final Clock clock;

  /** @param clock where the computed window ends */
  public SplunkProvider(HttpClient http, Secrets secrets, Clock clock) {
    this.http = http;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    SplunkMetric metric = request.metric().provider.splunk;
    return MeasurementResult.valueOf(() -> {
      Duration timeout = Timeouts.parse(metric.timeout, DEFAULT_TIMEOUT);
      Duration window = Intervals.parse(metric.interval);
      if (metric.query == null || metric.query.isBlank()) {
        throw new MeasurementException("query is empty");
      }
      URI stream = stream(metric.address);
      String secret = metric.secretRef == null || metric.secretRef.getName() == null
          || metric.secretRef.getName().isBlank() ? DEFAULT_SECRET
          : metric.secretRef.getName().trim();
      SecretToken token = SecretToken.require(secrets, request.namespace(), secret, TOKEN_KEY,
          "Splunk Observability");
      SeriesCall call = new SeriesCall(http, "Splunk Observability at "
          + HttpCall.describe(stream), token.credential(), token.secretValues(), timeout);
      return call.latest("SignalFlow program", metric.query,
          execute(stream, token, metric.query, window), SignalFlowStream::series);
    });
  }

  /**
   * Where SignalFlow runs, as Flagger finds it: the realm's API address
   * ({@code https://api.us1.signalfx.com}) becomes its stream address
   * ({@code https://stream.us1.signalfx.com}); a WebSocket address its HTTP one.
   */
  static URI stream(String address) throws MeasurementException {
    String url = address == null ? "" : address.trim().replaceFirst("^ws(s?)://", "http$1://");
    URI uri = HttpCall.uri(url, "the address");
    return uri.getHost().startsWith("api.")
        ? URI.create(url.replaceFirst("://api\\.", "://stream.")) : uri;
  }

  private HttpRequest execute(URI stream, SecretToken token, String program, Duration window)
      throws MeasurementException {
    long stop = clock.millis();
    URI uri = URI.create(stream.toString().replaceAll("/+$", "")
        + "/v2/signalflow/execute?start=" + (stop - window.toMillis()) + "&stop=" + stop
        + "&immediate=true");
    return token.authorize(HttpRequest.newBuilder(uri), "X-SF-Token", "")
        .header("Content-Type", "text/plain").header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(program)).build();
  }
}
