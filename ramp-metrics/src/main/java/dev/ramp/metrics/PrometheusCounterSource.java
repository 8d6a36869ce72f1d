package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric.PrometheusCounters;
import java.util.List;

/**
 * Counters from Prometheus: the events and the requests query, each answering a scalar or an
 * instant vector of at most one element. An empty vector means the counter has no series yet,
 * as for a revision that has served nothing: 0.
 */
final class PrometheusCounterSource implements CounterSource {
  private static final String EVENTS = "the events query";
  private static final String REQUESTS = "the requests query";

  private final PrometheusQuery prometheus;
  private final RevisionTemplate events;
  private final RevisionTemplate requests;

  /** @param namespace where the counters' Secrets (the CA) are read */
  PrometheusCounterSource(PrometheusClients clients, String namespace,
      PrometheusCounters counters) throws MeasurementException {
    this.events = RevisionTemplate.of(counters.events, EVENTS);
    this.requests = RevisionTemplate.of(counters.requests, REQUESTS);
    this.prometheus = clients.open(namespace, PrometheusTarget.of(counters));
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    return new Counts(total(EVENTS, events.forRevision(revision)),
        total(REQUESTS, requests.forRevision(revision)));
  }

  private double total(String what, String promql) throws MeasurementException {
    Object value;
    try {
      value = prometheus.run(promql);
    } catch (MeasurementException e) {
      throw new MeasurementException(what + ": " + e.getMessage());
    }
    if (!(value instanceof List<?> vector)) {
      return (Double) value;
    }
    return CounterSource.atMostOne(vector, count -> what + " returned " + count
        + " series; it must aggregate them into one, e.g. with sum()").map(Double.class::cast)
        .orElse(0.0);
  }
}
