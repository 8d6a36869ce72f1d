package dev.ramp.metrics;

import dev.ramp.api.analysis.GraphiteMetric;
import java.net.http.HttpClient;
import java.util.List;

/**
 * A Graphite render query (see {@link GraphiteQuery}). {@code result} is a List of Doubles, as
 * Argo Rollouts gives it: every series' values in turn, without the null points, so that
 * {@code result[0]} is the first series' first value. No series is an error: an analysis cannot
 * judge what was not measured.
 */
public final class GraphiteProvider implements MetricProvider {
  private final HttpClient http;

  public GraphiteProvider(HttpClient http) {
    this.http = http;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    GraphiteMetric metric = request.metric().provider.graphite;
    return MeasurementResult.valueOf(() -> {
      GraphiteQuery graphite = new GraphiteQuery(http, metric.address, metric.timeout,
          metric.headers);
      List<GraphiteSeries> series = graphite.run(metric.query);
      if (series.isEmpty()) {
        throw new MeasurementException(graphite.name(metric.query) + " matched no series");
      }
      return series.stream().flatMap(one -> one.values().stream()).toList();
    });
  }
}
