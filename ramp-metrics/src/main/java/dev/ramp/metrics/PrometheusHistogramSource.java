package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric.PrometheusCounters;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Latency as counts, from a Prometheus histogram: the requests are the histogram's count (its
 * {@code +Inf} bucket) and the events are the requests slower than {@code slowerThan}, the count
 * less the bucket whose upper boundary {@code le} is that threshold. Both come from one query
 * ({@code sum by (le)} of the revision's buckets), so they are read at the same instant.
 */
final class PrometheusHistogramSource implements CounterSource {
  private static final String WHAT = "the histogram";
  /** A metric name (with or without {@code _bucket}) and its label matchers in braces. */
  private static final Pattern SELECTOR = Pattern.compile(
      "\\s*([a-zA-Z_:][a-zA-Z0-9_:]*?)(?:_bucket)?\\s*(\\{.*})\\s*", Pattern.DOTALL);
  private static final Pattern THRESHOLD = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
  private static final String INFINITY = "+Inf";

  private final PrometheusQuery prometheus;
  private final String buckets;
  private final RevisionTemplate labels;
  private final String slowerThan;
  private final BigDecimal thresholdSeconds;

  /** @param namespace where the counters' Secrets (the CA) are read */
  PrometheusHistogramSource(PrometheusClients clients, String namespace,
      PrometheusCounters counters) throws MeasurementException {
    RevisionTemplate.of(counters.histogram, WHAT);
    Matcher selector = SELECTOR.matcher(counters.histogram);
    if (!selector.matches()) {
      throw new MeasurementException(WHAT + " \"" + counters.histogram + "\" is not a metric"
          + " name with its labels, e.g."
          + " http_request_duration_seconds{revision=\"{{revision}}\"}");
    }
    this.buckets = selector.group(1) + "_bucket";
    this.labels = RevisionTemplate.of(selector.group(2), WHAT);
    this.slowerThan = counters.slowerThan;
    this.thresholdSeconds = seconds(counters.slowerThan);
    this.prometheus = clients.open(namespace, PrometheusTarget.of(counters));
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    Map<String, Double> counts = prometheus.runByLabel(
        "sum by (le) (" + buckets + labels.forRevision(revision) + ")", "le");
    if (counts.isEmpty()) {
      return nothingServedYet();
    }
    String boundary = boundary(counts.keySet());
    Double requests = counts.get(INFINITY);
    if (requests == null) {
      throw new MeasurementException(buckets + " has no le=\"+Inf\" bucket to count the"
          + " requests: is it a Prometheus histogram?");
    }
    return new Counts(requests - counts.get(boundary), requests);
  }

  /**
   * No bucket for the revision: it has served nothing yet (0 requests), unless the histogram
   * has no series at all (its name is wrong); its threshold is checked either way.
   */
  private Counts nothingServedYet() throws MeasurementException {
    Map<String, Double> anyRevision =
        prometheus.runByLabel("count by (le) (" + buckets + ")", "le");
    if (anyRevision.isEmpty()) {
      throw new MeasurementException("Prometheus has no series " + buckets
          + ": the histogram must name a histogram it scrapes");
    }
    boundary(anyRevision.keySet());
    return new Counts(0, 0);
  }

  /** The bucket boundary that equals the threshold, compared as numbers ("0.30" is 300ms). */
  private String boundary(Set<String> boundaries) throws MeasurementException {
    Optional<String> match = boundaries.stream()
        .filter(le -> number(le).map(thresholdSeconds::compareTo).orElse(-1) == 0)
        .findFirst();
    if (match.isEmpty()) {
      throw new MeasurementException("slowerThan " + slowerThan + " is " + thresholdSeconds
          .stripTrailingZeros().toPlainString() + "s, but no bucket of " + buckets
          + " ends there: its boundaries (le) are " + inOrder(boundaries));
    }
    return match.get();
  }

  private static String inOrder(Set<String> boundaries) {
    return boundaries.stream()
        .sorted(Comparator.comparing(le -> number(le).orElse(null),
            Comparator.nullsLast(Comparator.naturalOrder())))
        .collect(Collectors.joining(", "));
  }

  private static Optional<BigDecimal> number(String le) {
    try {
      return Optional.of(new BigDecimal(le));
    } catch (NumberFormatException infinityOrNoLabel) {
      return Optional.empty();
    }
  }

  /** The threshold in seconds, the unit of Prometheus' histograms' boundaries. */
  private static BigDecimal seconds(String slowerThan) throws MeasurementException {
    Matcher threshold = THRESHOLD.matcher(slowerThan == null ? "" : slowerThan.trim());
    if (!threshold.matches() || new BigDecimal(threshold.group(1)).signum() == 0) {
      throw new MeasurementException("slowerThan \"" + slowerThan + "\" is not a positive"
          + " duration: write e.g. 300ms or 1.5s");
    }
    BigDecimal amount = new BigDecimal(threshold.group(1));
    return threshold.group(2).equals("ms") ? amount.movePointLeft(3) : amount;
  }
}
