package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CompareSignal;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.CounterSources;
import dev.ramp.api.analysis.SignalReadings;
import dev.ramp.metrics.CounterSource.Counts;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a compare metric's counters: the events and requests the canary and the stable revision
 * have counted so far, canary first, as a {@link CounterReading}; for a metric with several
 * signals, every signal's in the same measurement, as {@link SignalReadings}. It does not judge:
 * the engine turns successive readings into batches and runs the sequential test on them.
 */
public final class CompareProvider implements MetricProvider {
  /** Which counter source each field of a metric or signal picks; exactly one must be set. */
  private static final OneOf<CounterSources, Opener> SOURCES = new OneOf<CounterSources, Opener>()
      .or("prometheus", compare -> compare.prometheus, (provider, compare, namespace) ->
          compare.prometheus.histogram != null
              ? new PrometheusHistogramSource(provider.prometheus, namespace, compare.prometheus)
              : new PrometheusCounterSource(provider.prometheus, namespace, compare.prometheus))
      .or("web", compare -> compare.web, (provider, compare, namespace) ->
          new WebCounterSource(provider.http, compare.web))
      .or("influxdb", compare -> compare.influxdb, (provider, compare, namespace) ->
          new InfluxDbCounterSource(provider.http, provider.secrets, namespace,
              compare.influxdb))
      .or("graphite", compare -> compare.graphite, (provider, compare, namespace) ->
          new GraphiteCounterSource(provider.http, compare.graphite))
      .or("datadog", compare -> compare.datadog, (provider, compare, namespace) ->
          new DatadogCounterSource(provider.http, provider.secrets, provider.clock, namespace,
              compare.datadog))
      .or("newRelic", compare -> compare.newRelic, (provider, compare, namespace) ->
          new NewRelicCounterSource(provider.http, provider.secrets, provider.clock, namespace,
              compare.newRelic))
      .or("cloudWatch", compare -> compare.cloudWatch, (provider, compare, namespace) ->
          new CloudWatchCounterSource(provider.cloudWatch, provider.clock, compare.cloudWatch));

  /** Opens a counter source from its field of the compare metric or signal. */
  private interface Opener {
    CounterSource open(CompareProvider provider, CounterSources compare, String namespace)
        throws MeasurementException;
  }

  private final HttpClient http;
  private final Secrets secrets;
  private final Clock clock;
  private final PrometheusClients prometheus;
  private final CloudWatchConnection cloudWatch;

  /** @param secrets where the counter sources that need credentials read them */
  public CompareProvider(HttpClient http, Secrets secrets) {
    this(http, secrets, Clock.systemUTC());
  }

  /**
   * @param clock when counter sources that count over a time window (Datadog, New Relic) count
   *     up to
   */
  public CompareProvider(HttpClient http, Secrets secrets, Clock clock) {
    this(http, secrets, clock, new AwsCredentialChain(), new CloudWatchConnection());
  }

  /**
   * @param aws where Prometheus counters' SigV4 signatures get their AWS credentials
   * @param cloudWatch the CloudWatch client, shared with the CloudWatch provider
   */
  CompareProvider(HttpClient http, Secrets secrets, Clock clock, AwsCredentialChain aws,
      CloudWatchConnection cloudWatch) {
    this.http = http;
    this.secrets = secrets;
    this.clock = clock;
    this.prometheus = new PrometheusClients(http, secrets, clock, aws);
    this.cloudWatch = cloudWatch;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    CompareMetric compare = request.metric().provider.compare;
    return MeasurementResult.valueOf(() -> compare.signals == null
        ? reading(compare, compare, request.namespace())
        : readings(compare, request.namespace()));
  }

  /** Every signal's counters, one after the other; a failure names the signal. */
  private SignalReadings readings(CompareMetric compare, String namespace)
      throws MeasurementException {
    Map<String, CounterReading> bySignal = new LinkedHashMap<>();
    for (CompareSignal signal : compare.signals) {
      try {
        bySignal.put(signal.name, reading(compare, signal, namespace));
      } catch (MeasurementException e) {
        throw new MeasurementException("signal " + signal.name + ": " + e.getMessage());
      }
    }
    return new SignalReadings(bySignal);
  }

  private CounterReading reading(CompareMetric compare, CounterSources counters,
      String namespace) throws MeasurementException {
    CounterSource source = source(counters, namespace);
    Counts canary = read(source, "canary", compare.canaryRevision);
    Counts stable = read(source, "stable", compare.stableRevision);
    return new CounterReading(canary.events(), canary.requests(), stable.events(),
        stable.requests());
  }

  private CounterSource source(CounterSources counters, String namespace)
      throws MeasurementException {
    return SOURCES.pick(counters).orElseThrow(() -> new MeasurementException(
        "compare must read its counters from exactly one of " + SOURCES.names()))
        .open(this, counters, namespace);
  }

  /** The side's counts; any failure is told with the side and revision it concerns. */
  private static Counts read(CounterSource source, String side, String revision)
      throws MeasurementException {
    if (revision == null || revision.isBlank()) {
      throw new MeasurementException(side + "Revision is empty");
    }
    try {
      Counts counts = source.read(revision);
      return new Counts(count("events", counts.events()), count("requests", counts.requests()));
    } catch (MeasurementException e) {
      throw new MeasurementException(side + " revision " + revision + ": " + e.getMessage());
    }
  }

  private static double count(String counter, double total) throws MeasurementException {
    if (!Double.isFinite(total) || total < 0) {
      throw new MeasurementException("the " + counter + " total is " + total
          + ", but a counter must be a finite number, 0 or more");
    }
    return total;
  }
}
