package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric.NewRelicCounters;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Counters from New Relic: the events and the requests NRQL query, each counting into one row
 * with one number, since 00:00 UTC (Ramp adds {@code SINCE … UNTIL …}). New Relic counts events
 * over a window, not running totals; counting from a fixed start makes successive readings grow
 * as counters do. At midnight the totals start again from 0, which the judge takes as a counter
 * restart (it skips that one interval). No row, or a null count, means nothing was counted: 0.
 */
final class NewRelicCounterSource implements CounterSource {
  private static final String EVENTS = "the events query";
  private static final String REQUESTS = "the requests query";
  private static final Pattern WINDOW = Pattern.compile("(?i)\\b(SINCE|UNTIL)\\b");

  private final NrqlQuery nrql;
  private final RevisionTemplate events;
  private final RevisionTemplate requests;
  private final Clock clock;

  NewRelicCounterSource(HttpClient http, Secrets secrets, Clock clock, String namespace,
      NewRelicCounters counters) throws MeasurementException {
    this.events = template(counters.events, EVENTS);
    this.requests = template(counters.requests, REQUESTS);
    this.nrql = new NrqlQuery(http, secrets, namespace, counters.profile, counters.timeout);
    this.clock = clock;
  }

  private static RevisionTemplate template(String query, String what)
      throws MeasurementException {
    RevisionTemplate template = RevisionTemplate.of(query, what);
    if (WINDOW.matcher(query).find()) {
      throw new MeasurementException(what + " has a SINCE or UNTIL clause; leave it out: Ramp"
          + " counts since 00:00 UTC so that the totals only grow");
    }
    return template;
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    Instant now = clock.instant();
    String window = " SINCE " + now.truncatedTo(ChronoUnit.DAYS).toEpochMilli() + " UNTIL "
        + now.toEpochMilli();
    return new Counts(count(EVENTS, events.forRevision(revision) + window),
        count(REQUESTS, requests.forRevision(revision) + window));
  }

  private double count(String what, String query) throws MeasurementException {
    try {
      return nrql.run(query, NewRelicCounterSource::number);
    } catch (MeasurementException e) {
      throw new MeasurementException(what + ": " + e.getMessage());
    }
  }

  /** The one number of the one row, 0 for no row or a null count. */
  private static double number(List<Map<String, Object>> rows) throws MeasurementException {
    Optional<Map<String, Object>> row = CounterSource.atMostOne(rows, many -> "it has " + many
        + " rows; the query must count into one, e.g. without FACET");
    if (row.isEmpty()) {
      return 0;
    }
    if (row.get().size() != 1) {
      throw new MeasurementException("its row has columns " + row.get().keySet()
          + "; the query must select one count, e.g. SELECT count(*)");
    }
    Object count = row.get().values().iterator().next();
    if (count != null && !(count instanceof Number)) {
      throw new MeasurementException("its count is not a number");
    }
    double number = count == null ? 0 : ((Number) count).doubleValue();
    if (Double.isNaN(number)) {
      throw new MeasurementException("its count is NaN");
    }
    return number;
  }
}
