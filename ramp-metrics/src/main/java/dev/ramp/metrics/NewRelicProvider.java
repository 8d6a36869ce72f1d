package dev.ramp.metrics;

import dev.ramp.api.analysis.NewRelicMetric;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/**
 * An NRQL query through NerdGraph, as Argo Rollouts runs it: {@code result} is the one row the
 * query answers, a map by column name ({@code result.successRate}), or a list of the rows when
 * it answers several (a FACET). No row, or a column without a number (null or NaN), is an error:
 * an analysis cannot judge what was not measured.
 */
public final class NewRelicProvider implements MetricProvider {
  private final HttpClient http;
  private final Secrets secrets;

  public NewRelicProvider(HttpClient http, Secrets secrets) {
    this.http = http;
    this.secrets = secrets;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    NewRelicMetric metric = request.metric().provider.newRelic;
    return MeasurementResult.valueOf(() -> new NrqlQuery(http, secrets, request.namespace(),
        metric.profile, metric.timeout).run(metric.query, NewRelicProvider::result));
  }

  private static Object result(List<Map<String, Object>> rows) throws MeasurementException {
    if (rows.isEmpty()) {
      throw new MeasurementException("it has no rows: nothing was measured");
    }
    for (Map<String, Object> row : rows) {
      for (Map.Entry<String, Object> column : row.entrySet()) {
        if (column.getValue() == null) {
          throw new MeasurementException("column " + column.getKey() + " has no value");
        }
        if (column.getValue() instanceof Double number && number.isNaN()) {
          throw new MeasurementException("column " + column.getKey() + " is NaN");
        }
      }
    }
    return rows.size() == 1 ? rows.get(0) : rows;
  }
}
