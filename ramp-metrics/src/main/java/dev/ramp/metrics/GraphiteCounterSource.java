package dev.ramp.metrics;

import dev.ramp.api.analysis.GraphiteCounters;
import java.net.http.HttpClient;
import java.util.List;

/**
 * Counters from Graphite: the events and the requests query, each rendering at most one series
 * whose last value is the running total (a cumulative counter as written, or integral() of
 * per-interval counts over a range that starts before the revision's first request). No series
 * means the counter has nothing yet, as for a revision that has served nothing: 0.
 */
final class GraphiteCounterSource implements CounterSource {
  private static final String EVENTS = "the events query";
  private static final String REQUESTS = "the requests query";

  private final GraphiteQuery graphite;
  private final RevisionTemplate events;
  private final RevisionTemplate requests;

  GraphiteCounterSource(HttpClient http, GraphiteCounters counters) throws MeasurementException {
    this.events = RevisionTemplate.of(counters.events, EVENTS);
    this.requests = RevisionTemplate.of(counters.requests, REQUESTS);
    this.graphite = new GraphiteQuery(http, counters.address, counters.timeout,
        counters.headers);
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    return new Counts(total(EVENTS, events.forRevision(revision)),
        total(REQUESTS, requests.forRevision(revision)));
  }

  private double total(String what, String query) throws MeasurementException {
    List<GraphiteSeries> series;
    try {
      series = graphite.run(query);
    } catch (MeasurementException e) {
      throw new MeasurementException(what + ": " + e.getMessage());
    }
    return CounterSource.atMostOne(series, count -> what + ": " + graphite.name(query)
        + " rendered " + count + " series; it must combine them into one, e.g. with sumSeries()")
        .map(one -> one.values().get(one.values().size() - 1)).orElse(0.0);
  }
}
