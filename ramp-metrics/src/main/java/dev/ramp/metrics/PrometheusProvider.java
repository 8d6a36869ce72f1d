package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ramp.api.analysis.PrometheusMetric;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Instant PromQL queries over Prometheus' HTTP API ({@code GET /api/v1/query}).
 *
 * <p>{@code result} is a Double for a scalar, and a List of Doubles for an instant vector: one
 * value per series, the series in the order Prometheus sorts label sets (label by label in
 * label-name order, comparing names then values; a label set that is a prefix of another comes
 * first), so {@code result[0]} always denotes the same series. An empty vector is an empty list.
 * {@code NaN}, {@code +Inf} and {@code -Inf} become the Double NaN and infinities.
 */
public final class PrometheusProvider implements MetricProvider {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  public PrometheusProvider(HttpClient http) {
    this.http = http;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    try {
      return MeasurementResult.value(query(request.metric().provider.prometheus));
    } catch (MeasurementException e) {
      return MeasurementResult.error(e.getMessage());
    }
  }

  private Object query(PrometheusMetric metric) throws MeasurementException {
    URI address = HttpCall.uri(metric.address, "the Prometheus address");
    String server = "Prometheus at " + HttpCall.describe(address);
    URI query = URI.create(address.toString().replaceAll("/+$", "") + "/api/v1/query?query="
        + URLEncoder.encode(metric.query, StandardCharsets.UTF_8));
    HttpResponse<String> answer = HttpCall.send(http,
        HttpCall.request(query, metric.headers).GET().build(), server,
        Timeouts.parse(metric.timeout, DEFAULT_TIMEOUT));
    return valueOf(answer, server);
  }

  private static Object valueOf(HttpResponse<String> answer, String server)
      throws MeasurementException {
    JsonNode json = parse(answer.body());
    String answered = server + " answered " + answer.statusCode();
    if ("error".equals(json.path("status").asText())) {
      throw new MeasurementException(answered + ": " + json.path("errorType").asText()
          + ": " + json.path("error").asText());
    }
    if (!HttpCall.isSuccess(answer)) {
      throw new MeasurementException(answered);
    }
    if (!"success".equals(json.path("status").asText())) {
      throw notTheQueryApi(answered);
    }
    JsonNode data = json.path("data");
    String type = data.path("resultType").asText();
    return switch (type) {
      case "scalar" -> sampleValue(data.path("result"), answered);
      case "vector" -> vector(data.path("result"), answered);
      case "matrix", "string" -> throw new MeasurementException(server + " returned a " + type
          + ": an analysis query must return a scalar or an instant vector");
      default -> throw notTheQueryApi(answered);
    };
  }

  private static List<Double> vector(JsonNode result, String answered)
      throws MeasurementException {
    if (!result.isArray()) {
      throw notTheQueryApi(answered);
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode sample : result) {
      Map<String, String> labels = new TreeMap<>();
      sample.path("metric").properties()
          .forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
      series.add(new Series(labels, sampleValue(sample.path("value"), answered)));
    }
    series.sort(Comparator.comparing(Series::labels, PrometheusProvider::compareLabels));
    return series.stream().map(Series::value).toList();
  }

  /** Prometheus' own order of label sets (labels.Compare); both maps are sorted by name. */
  private static int compareLabels(Map<String, String> a, Map<String, String> b) {
    Iterator<Map.Entry<String, String>> left = a.entrySet().iterator();
    Iterator<Map.Entry<String, String>> right = b.entrySet().iterator();
    while (left.hasNext() && right.hasNext()) {
      Map.Entry<String, String> l = left.next();
      Map.Entry<String, String> r = right.next();
      int order = l.getKey().equals(r.getKey()) ? l.getValue().compareTo(r.getValue())
          : l.getKey().compareTo(r.getKey());
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** A sample is {@code [timestamp, "value"]}; the value is text so that NaN and Inf survive. */
  private static double sampleValue(JsonNode sample, String answered)
      throws MeasurementException {
    String text = sample.path(1).asText();
    if (text.equals("+Inf") || text.equals("Inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (text.equals("-Inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      return Double.parseDouble(text); // also reads "NaN"
    } catch (NumberFormatException e) {
      throw notTheQueryApi(answered);
    }
  }

  /** The answer's JSON; a missing node, which has no fields, when it is not JSON. */
  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  private static MeasurementException notTheQueryApi(String answered) {
    return new MeasurementException(answered
        + " but not with the JSON of Prometheus' query API (is the address a Prometheus?)");
  }

  private record Series(Map<String, String> labels, double value) {}
}
