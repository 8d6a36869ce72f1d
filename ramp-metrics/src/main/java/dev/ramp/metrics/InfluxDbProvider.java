package dev.ramp.metrics;

import dev.ramp.api.analysis.InfluxDbMetric;
import java.net.http.HttpClient;
import java.util.List;

/**
 * An InfluxDB query, Flux or InfluxQL (see {@link InfluxQuery}). {@code result} is a List of
 * Doubles, one per row, as Argo Rollouts gives it, so that {@code result[0]} is the first row's
 * value. No rows is an error: an analysis cannot judge what was not measured.
 */
public final class InfluxDbProvider implements MetricProvider {
  private final HttpClient http;
  private final Secrets secrets;

  public InfluxDbProvider(HttpClient http, Secrets secrets) {
    this.http = http;
    this.secrets = secrets;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    InfluxDbMetric metric = request.metric().provider.influxdb;
    return MeasurementResult.valueOf(() -> {
      InfluxQuery influx = new InfluxQuery(http, secrets, request.namespace(), metric.profile,
          metric.language, metric.database, metric.timeout);
      List<Double> rows = influx.run(metric.query);
      if (rows.isEmpty()) {
        throw new MeasurementException(influx.name(metric.query) + " returned no rows");
      }
      return rows;
    });
  }
}
