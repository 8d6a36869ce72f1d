package dev.ramp.metrics;

import dev.ramp.api.analysis.Header;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries to one Graphite over its render API ({@code GET /render?target=…&format=json}): what
 * the Graphite provider and the compare metric's Graphite counters share. A query is written as
 * Argo Rollouts takes it: the render API's parameters, whitespace removed (so a target may span
 * lines), decoded and encoded again, with {@code format=json} set. Every failure names the query
 * and quotes the answer's first bytes, never a header's value.
 */
final class GraphiteQuery {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final int QUERY_SHOWN = 120;

  private final HttpClient http;
  private final URI address;
  private final String server;
  private final Duration timeout;
  private final List<Header> headers;
  /** What answers quoted in messages must not repeat: the headers' values. */
  private final List<String> secrets;

  /** Checks the address and timeout, so that a query only has its own parameters to fail on. */
  GraphiteQuery(HttpClient http, String address, IntOrString timeout, List<Header> headers)
      throws MeasurementException {
    this.http = http;
    this.address = HttpCall.uri(address, "the Graphite address");
    this.server = "Graphite at " + HttpCall.describe(this.address);
    this.timeout = Timeouts.parse(timeout, DEFAULT_TIMEOUT);
    this.headers = headers == null ? List.of() : headers;
    this.secrets = HttpCall.secretsOf(this.headers);
  }

  /** The series the query rendered, in the order Graphite gave them. */
  List<GraphiteSeries> run(String query) throws MeasurementException {
    try {
      URI render = URI.create(address.toString().replaceAll("/+$", "") + "/render?"
          + parameters(query));
      HttpResponse<String> answer = HttpCall.send(http,
          HttpCall.request(render, headers).GET().build(), server, timeout);
      if (!HttpCall.isSuccess(answer)) {
        throw HttpCall.failure(answer, server, credential(), secrets);
      }
      try {
        return GraphiteSeries.parse(answer.body());
      } catch (MeasurementException e) {
        throw new MeasurementException(server + " answered " + answer.statusCode() + ", but "
            + e.getMessage() + ": " + HttpCall.excerpt(answer.body(), secrets));
      }
    } catch (MeasurementException e) {
      throw new MeasurementException(name(query) + ": " + e.getMessage());
    }
  }

  /** How messages name a query: its first characters, whitespace removed as it is sent. */
  String name(String query) {
    String text = compact(query);
    return "Graphite query \"" + (text.length() <= QUERY_SHOWN ? text
        : text.substring(0, QUERY_SHOWN) + "…") + "\"";
  }

  /** The render API's query string: the query's parameters encoded, and format=json. */
  private static String parameters(String query) throws MeasurementException {
    List<String> parameters = new ArrayList<>();
    boolean target = false;
    for (String pair : compact(query).split("&")) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (key.isEmpty() || key.equals("format")) {
        continue;
      }
      target |= key.equals("target");
      parameters.add(encode(key) + "=" + encode(equals < 0 ? "" : decode(
          pair.substring(equals + 1))));
    }
    if (!target) {
      throw new MeasurementException("the query has no target: write the render API's"
          + " parameters, e.g. target=sumSeries(app.*.errors)&from=-5min");
    }
    parameters.add("format=json");
    return String.join("&", parameters);
  }

  private static String compact(String query) {
    return query == null ? "" : query.replaceAll("\\s+", "");
  }

  private static String decode(String text) throws MeasurementException {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MeasurementException("the query's \"" + text + "\" is not URL-encoded text: a %"
          + " must be followed by two hex digits (write %25 for % itself)");
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** How a refusal names what the request carried. */
  private String credential() {
    List<String> names = headers.stream().map(header -> header.key).toList();
    if (names.isEmpty()) {
      return "a request without credentials (the metric sets no headers)";
    }
    return names.size() == 1 ? "the " + names.get(0) + " header"
        : "the headers " + String.join(", ", names);
  }
}
