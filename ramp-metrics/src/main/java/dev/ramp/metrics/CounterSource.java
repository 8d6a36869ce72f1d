package dev.ramp.metrics;

/**
 * Where a compare metric reads its counters: the events and requests counted so far for one
 * revision. Another source (Datadog, …) is one more class implementing this, chosen in
 * {@link CompareProvider}; its queries name the revision with a {@link RevisionTemplate}.
 */
interface CounterSource {
  /** The revision's totals as they stand (cumulative, as Prometheus counters are). */
  Counts read(String revision) throws MeasurementException;

  record Counts(double events, double requests) {}
}
