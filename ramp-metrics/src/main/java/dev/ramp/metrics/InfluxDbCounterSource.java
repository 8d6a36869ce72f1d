package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric.InfluxDbCounters;
import java.net.http.HttpClient;
import java.util.List;

/**
 * Counters from InfluxDB: the events and the requests query, each answering at most one row. No
 * rows means the counter has nothing yet, as for a revision that has served nothing: 0.
 */
final class InfluxDbCounterSource implements CounterSource {
  private static final String EVENTS = "the events query";
  private static final String REQUESTS = "the requests query";

  private final InfluxQuery influx;
  private final RevisionTemplate events;
  private final RevisionTemplate requests;

  InfluxDbCounterSource(HttpClient http, Secrets secrets, String namespace,
      InfluxDbCounters counters) throws MeasurementException {
    this.events = RevisionTemplate.of(counters.events, EVENTS);
    this.requests = RevisionTemplate.of(counters.requests, REQUESTS);
    this.influx = new InfluxQuery(http, secrets, namespace, counters.profile, counters.language,
        counters.database, counters.timeout);
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    return new Counts(total(EVENTS, events.forRevision(revision)),
        total(REQUESTS, requests.forRevision(revision)));
  }

  private double total(String what, String query) throws MeasurementException {
    List<Double> rows;
    try {
      rows = influx.run(query);
    } catch (MeasurementException e) {
      throw new MeasurementException(what + ": " + e.getMessage());
    }
    return CounterSource.atMostOne(rows, count -> what + ": " + influx.name(query) + " returned "
        + count + " rows; it must aggregate them into one, e.g. with sum()").orElse(0.0);
  }
}
