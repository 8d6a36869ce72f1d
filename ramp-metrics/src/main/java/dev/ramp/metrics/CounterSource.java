package dev.ramp.metrics;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Where a compare metric reads its counters: the events and requests counted so far for one
 * revision. Another source (Datadog, …) is one more class implementing this, chosen in
 * {@link CompareProvider}; its queries name the revision with a {@link RevisionTemplate}.
 */
interface CounterSource {
  /** The revision's totals as they stand (cumulative, as Prometheus counters are). */
  Counts read(String revision) throws MeasurementException;

  record Counts(double events, double requests) {}

  /**
   * The one series or row a counter query answered, or empty when it answered none, which
   * counts 0: a counter has nothing yet for a revision that has served nothing.
   *
   * @param tooMany the error, given how many it answered when several: it must ask the user to
   *     aggregate them into one
   */
  static <T> Optional<T> atMostOne(List<T> answered, IntFunction<String> tooMany)
      throws MeasurementException {
    if (answered.size() > 1) {
      throw new MeasurementException(tooMany.apply(answered.size()));
    }
    return answered.stream().findFirst();
  }
}
