package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One series of values a hosted service answered (Wavefront, Dynatrace, Splunk Observability),
 * and what {@code result} makes of them: each series' latest value, a Double for one series and
 * a List for several. No series, a series without points, a point without a value and NaN are
 * errors: an analysis cannot judge what was not measured.
 *
 * @param name how messages name the series
 * @param points its values in time order; null where a point has no value
 */
record ValueSeries(String name, List<Double> points) {

  /**
   * A point's value as a JSON answer gives it: a number, or null for a point without one.
   *
   * @throws MeasurementException when it is something else
   */
  static Double point(String series, JsonNode value) throws MeasurementException {
    if (!value.isNull() && !value.isNumber()) {
      throw new MeasurementException("series " + series + " has a value that is not a number");
    }
    return value.isNull() ? null : value.asDouble();
  }

  /** The latest value of each series, in the answer's order. */
  static Object latest(List<ValueSeries> series) throws MeasurementException {
    if (series.isEmpty()) {
      throw new MeasurementException("it has no series: nothing was measured");
    }
    List<Double> values = new ArrayList<>();
    for (ValueSeries one : series) {
      values.add(one.latest());
    }
    return values.size() == 1 ? values.get(0) : values;
  }

  private double latest() throws MeasurementException {
    if (points.isEmpty()) {
      throw new MeasurementException("series " + name + " has no points");
    }
    for (int i = 0; i < points.size(); i++) {
      Double point = points.get(i);
      if (point == null) {
        throw new MeasurementException("series " + name + " has no value at point " + (i + 1)
            + " of " + points.size() + ": a partial series, which proves nothing");
      }
      if (point.isNaN()) {
        throw new MeasurementException("series " + name + " is NaN at point " + (i + 1) + " of "
            + points.size());
      }
    }
    return points.get(points.size() - 1);
  }
}
