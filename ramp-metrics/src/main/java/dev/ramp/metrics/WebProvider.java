package dev.ramp.metrics;

import dev.ramp.api.analysis.WebMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP endpoint answering JSON. {@code jsonPath} picks the value (see {@link WebJson#pick});
 * without it the whole document is the value. JSON numbers all become Doubles, so conditions
 * compare them without caring whether the endpoint wrote {@code 1} or {@code 1.0}; strings,
 * booleans and null stay as they are, arrays become Lists and objects Maps. A body is sent as
 * {@code application/json} unless the metric's headers set a Content-Type.
 */
public final class WebProvider implements MetricProvider {
  private final HttpClient http;

  public WebProvider(HttpClient http) {
    this.http = http;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    return MeasurementResult.valueOf(() -> fetch(request.metric().provider.web));
  }

  private Object fetch(WebMetric metric) throws MeasurementException {
    URI url = HttpCall.uri(metric.url, "the url");
    String method = metric.method == null ? "GET" : metric.method.trim().toUpperCase(Locale.ROOT);
    String server = method + " " + HttpCall.describe(url);
    Object document = WebJson.fetch(http, request(url, method, metric), metric.headers, server,
        Timeouts.parse(metric.timeout, WebJson.DEFAULT_TIMEOUT));
    return plain(metric.jsonPath == null ? document
        : WebJson.pick(document, "jsonPath", metric.jsonPath));
  }

  private static HttpRequest request(URI url, String method, WebMetric metric)
      throws MeasurementException {
    HttpRequest.Builder request = HttpCall.request(url, metric.headers);
    // metric APIs take JSON bodies; a Content-Type header of the metric's own wins
    if (metric.body != null && (metric.headers == null || metric.headers.stream()
        .noneMatch(header -> "Content-Type".equalsIgnoreCase(header.key)))) {
      request.header("Content-Type", "application/json");
    }
    try {
      return request.method(method, metric.body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(metric.body)).build();
    } catch (IllegalArgumentException e) {
      throw new MeasurementException("method \"" + method + "\" is not an HTTP method");
    }
  }

  /** JSON as the conditions see it: every number a Double, containers as Lists and Maps. */
  private static Object plain(Object json) {
    if (json instanceof Number number) {
      return number.doubleValue();
    }
    if (json instanceof List<?> list) {
      List<Object> values = new ArrayList<>(list.size());
      list.forEach(value -> values.add(plain(value)));
      return values;
    }
    if (json instanceof Map<?, ?> map) {
      Map<String, Object> fields = new LinkedHashMap<>();
      map.forEach((name, value) -> fields.put(String.valueOf(name), plain(value)));
      return fields;
    }
    return json;
  }
}
