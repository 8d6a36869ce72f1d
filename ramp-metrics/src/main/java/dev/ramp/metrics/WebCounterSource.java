package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric.WebCounters;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Counters from an HTTP endpoint answering JSON: one GET per revision, with {@code {{revision}}}
 * replaced in the url, and both totals picked from that one answer, so that they were counted
 * at the same moment.
 */
final class WebCounterSource implements CounterSource {
  private final HttpClient http;
  private final WebCounters web;
  private final RevisionTemplate url;
  private final Duration timeout;

  WebCounterSource(HttpClient http, WebCounters web) throws MeasurementException {
    this.http = http;
    this.web = web;
    this.url = RevisionTemplate.of(web.url, "the url");
    this.timeout = Timeouts.parse(web.timeout, WebJson.DEFAULT_TIMEOUT);
  }

  @Override
  public Counts read(String revision) throws MeasurementException {
    // revisions are pod-template hashes; encoded all the same, so none can reshape the URL
    URI uri = HttpCall.uri(
        url.forRevision(URLEncoder.encode(revision, StandardCharsets.UTF_8)), "the url");
    Object document = WebJson.fetch(http, HttpCall.request(uri, web.headers).GET().build(),
        web.headers, "GET " + HttpCall.describe(uri), timeout);
    return new Counts(number(document, "eventsPath", web.eventsPath),
        number(document, "requestsPath", web.requestsPath));
  }

  private static double number(Object document, String field, String jsonPath)
      throws MeasurementException {
    Object value = WebJson.pick(document, field, jsonPath);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new MeasurementException(field + " " + jsonPath + " picked " + kind(value)
        + ", not a number");
  }

  private static String kind(Object json) {
    if (json instanceof String) {
      return "a string";
    }
    if (json instanceof Boolean) {
      return "a boolean";
    }
    if (json instanceof List<?>) {
      return "a list";
    }
    return json instanceof Map<?, ?> ? "an object" : "null";
  }
}
