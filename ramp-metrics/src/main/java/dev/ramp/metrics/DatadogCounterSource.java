package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric.DatadogCounters;
import dev.ramp.metrics.DatadogAnswer.Series;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Counters from Datadog: the events and the requests query, each a series of counts
 * ({@code .as_count()}) summed since 00:00 UTC. Datadog keeps counts per interval, not running
 * totals; counting from a fixed start makes successive readings grow as counters do. At midnight
 * the totals start again from 0, which the judge takes as a counter restart (it skips that one
 * interval). No series, or a point without a value, means nothing was counted there: 0.
 */
final class DatadogCounterSource implements CounterSource {
  private static final String EVENTS = "the events query";
  private static final String REQUESTS = "the requests query";

  private final DatadogQuery datadog;
  private final RevisionTemplate events;
  private final RevisionTemplate requests;
  private final Clock clock;

  DatadogCounterSource(HttpClient http, Secrets secrets, Clock clock, String namespace,
      DatadogCounters counters) throws MeasurementException {
    this.events = RevisionTemplate.of(counters.events, EVENTS);
    this.requests = RevisionTemplate.of(counters.requests, REQUESTS);
    this.datadog = new DatadogQuery(http, secrets, namespace, counters.apiVersion,
        counters.secretRef, counters.requestTimeout);
    this.clock = clock;
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    Instant now = clock.instant();
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    return new Counts(total(EVENTS, events.forRevision(revision), midnight, now),
        total(REQUESTS, requests.forRevision(revision), midnight, now));
  }

  private double total(String what, String query, Instant from, Instant to)
      throws MeasurementException {
    try {
      return datadog.run(Map.of("query", query), null, from, to, DatadogCounterSource::sum);
    } catch (MeasurementException e) {
      throw new MeasurementException(what + ": " + e.getMessage());
    }
  }

  private static double sum(List<Series> series) throws MeasurementException {
    if (series.size() > 1) {
      throw new MeasurementException("it has " + series.size() + " series; the query must"
          + " count into one, e.g. sum:…{…}.as_count() without by {…}");
    }
    double total = 0;
    for (Double point : series.isEmpty() ? List.<Double>of() : series.get(0).points()) {
      if (point != null && point.isNaN()) {
        throw new MeasurementException("a count is NaN");
      }
      total += point == null ? 0 : point;
    }
    return total;
  }
}
