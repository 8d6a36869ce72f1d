package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ramp.api.analysis.Header;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PromQL queries to one Prometheus over its HTTP API ({@code GET /api/v1/query} and
 * {@code /api/v1/query_range}): what the Prometheus provider and the compare metric's Prometheus
 * counters share.
 *
 * <p>A scalar answers a Double, and an instant vector a List of Doubles: one value per series, the
 * series in the order Prometheus sorts label sets (label by label in label-name order, comparing
 * names then values; a label set that is a prefix of another comes first), so {@code result[0]}
 * always denotes the same series. An empty vector is an empty list. {@code NaN}, {@code +Inf} and
 * {@code -Inf} become the Double NaN and infinities. A range query answers every series' values
 * in turn, series in the same order, each series' values in time order, as Argo Rollouts
 * flattens a matrix.
 */
final class PrometheusQuery {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI address;
  private final String server;
  private final Duration timeout;
  private final List<Header> headers;
  private final String credential;
  private final RequestSigning signing;

  /**
   * Checks the address and the timeout, so that a query only has its own PromQL to fail on.
   *
   * @param signing signs each request; null to send them unsigned
   */
  PrometheusQuery(HttpClient http, String address, IntOrString timeout, List<Header> headers,
      RequestSigning signing) throws MeasurementException {
    this(http, HttpCall.uri(address, "the Prometheus address"), "Prometheus", timeout, headers,
        HttpCall.sentHeaders(headers), signing);
  }

  /**
   * A service answering Prometheus' query API at {@code address}.
   *
   * @param name how messages name the service, e.g. "Google Cloud Monitoring"
   * @param credential how a refusal names what {@code headers} carry
   * @param signing signs each request; null to send them unsigned
   */
  PrometheusQuery(HttpClient http, URI address, String name, IntOrString timeout,
      List<Header> headers, String credential, RequestSigning signing)
      throws MeasurementException {
    this.http = http;
    this.address = address;
    this.server = name + " at " + HttpCall.describe(address);
    this.timeout = Timeouts.parse(timeout, DEFAULT_TIMEOUT);
    this.headers = headers;
    this.credential = credential;
    this.signing = signing;
  }

  /** The query's value now: a Double for a scalar, a List of Doubles for an instant vector. */
  Object run(String promql) throws MeasurementException {
    Answer answer = send("/api/v1/query", "query=" + encode(promql));
    JsonNode data = answer.data();
    String type = data.path("resultType").asText();
    return switch (type) {
      case "scalar" -> sampleValue(data.path("result"), answer.answered());
      case "vector" -> vector(data.path("result"), answer.answered());
      case "matrix", "string" -> throw new MeasurementException(server + " returned a " + type
          + ": an analysis query must return a scalar or an instant vector");
      default -> throw notTheQueryApi(answer.answered());
    };
  }

  /**
   * An instant vector's values keyed by each series' value of {@code label}, e.g. a histogram's
   * buckets by their boundary {@code le}; a series without the label is keyed by "".
   */
  Map<String, Double> runByLabel(String promql, String label) throws MeasurementException {
    Answer answer = send("/api/v1/query", "query=" + encode(promql));
    JsonNode data = answer.data();
    if (!data.path("resultType").asText().equals("vector")) {
      throw new MeasurementException(server + " did not return an instant vector for " + promql);
    }
    Map<String, Double> values = new TreeMap<>();
    for (Series series : instantSeries(data.path("result"), answer.answered())) {
      values.put(series.labels().getOrDefault(label, ""), series.values().get(0));
    }
    return values;
  }

  /**
   * The query's values from {@code start} to {@code end}: every series' values in turn.
   *
   * @param step the resolution as Prometheus reads it, e.g. 30s, 1m or 15
   */
  List<Double> runRange(String promql, Instant start, Instant end, String step)
      throws MeasurementException {
    Answer answer = send("/api/v1/query_range", "query=" + encode(promql) + "&start="
        + encode(start.toString()) + "&end=" + encode(end.toString()) + "&step=" + encode(step));
    JsonNode data = answer.data();
    if (!data.path("resultType").asText().equals("matrix") || !data.path("result").isArray()) {
      throw notTheQueryApi(answer.answered());
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode stream : data.path("result")) {
      List<Double> values = new ArrayList<>();
      for (JsonNode sample : stream.path("values")) {
        values.add(sampleValue(sample, answer.answered()));
      }
      series.add(new Series(labelsOf(stream), values));
    }
    series.sort(Comparator.comparing(Series::labels, PrometheusQuery::compareLabels));
    return series.stream().flatMap(each -> each.values().stream()).toList();
  }

  /** Sends a GET to {@code path}, signed if it must be; a successful answer's data. */
  private Answer send(String path, String query) throws MeasurementException {
    HttpRequest request = HttpCall.request(
        URI.create(address.toString().replaceAll("/+$", "") + path + "?" + query), headers)
        .GET().build();
    String refused = credential;
    List<String> secrets = HttpCall.secretsOf(address, headers);
    if (signing != null) {
      RequestSigning.Signed signed = signing.sign(request);
      request = signed.request();
      refused = signed.credential();
      secrets.addAll(signed.secrets());
    }
    HttpResponse<String> answer = HttpCall.send(http, request, server, timeout);
    JsonNode json = parse(answer.body());
    String answered = server + " answered " + answer.statusCode();
    if ("error".equals(json.path("status").asText())) {
      throw new MeasurementException(answered + ": " + json.path("errorType").asText()
          + ": " + json.path("error").asText());
    }
    if (!HttpCall.isSuccess(answer)) {
      throw HttpCall.failure(answer, server, refused, secrets);
    }
    if (!"success".equals(json.path("status").asText())) {
      throw notTheQueryApi(answered);
    }
    return new Answer(json.path("data"), answered);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A successful answer's data, and how messages say who answered what. */
  private record Answer(JsonNode data, String answered) {}

  private static Map<String, String> labelsOf(JsonNode series) {
    Map<String, String> labels = new TreeMap<>();
    series.path("metric").properties()
        .forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
    return labels;
  }

  private static List<Double> vector(JsonNode result, String answered)
      throws MeasurementException {
    return instantSeries(result, answered).stream().map(each -> each.values().get(0)).toList();
  }

  /** An instant vector's series, each with its one value, in Prometheus' order. */
  private static List<Series> instantSeries(JsonNode result, String answered)
      throws MeasurementException {
    if (!result.isArray()) {
      throw notTheQueryApi(answered);
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode sample : result) {
      series.add(new Series(labelsOf(sample),
          List.of(sampleValue(sample.path("value"), answered))));
    }
    series.sort(Comparator.comparing(Series::labels, PrometheusQuery::compareLabels));
    return series;
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

  /** A series' labels and its values: one for an instant vector, in time order for a range. */
  private record Series(Map<String, String> labels, List<Double> values) {}
}
