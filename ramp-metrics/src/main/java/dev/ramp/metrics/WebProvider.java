package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.ramp.api.analysis.WebMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP endpoint answering JSON. {@code jsonPath} (Jayway JSONPath, written {@code $.a.b} or,
 * as Argo Rollouts users write it, {@code {$.a.b}}) picks the value; without it the whole document
 * is the value. JSON numbers all become Doubles, so conditions compare them without caring whether
 * the endpoint wrote {@code 1} or {@code 1.0}; strings, booleans and null stay as they are, arrays
 * become Lists and objects Maps. A path that matches nothing (a missing field, or a wildcard or
 * filter that selects no element) is an error. A body is sent as {@code application/json} unless
 * the metric's headers set a Content-Type.
 */
public final class WebProvider implements MetricProvider {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Configuration JSON_PATH = Configuration.builder()
      .jsonProvider(new JacksonJsonProvider(JSON))
      .mappingProvider(new JacksonMappingProvider(JSON))
      .build();

  private final HttpClient http;

  public WebProvider(HttpClient http) {
    this.http = http;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    try {
      return MeasurementResult.value(fetch(request.metric().provider.web));
    } catch (MeasurementException e) {
      return MeasurementResult.error(e.getMessage());
    }
  }

  private Object fetch(WebMetric metric) throws MeasurementException {
    URI url = HttpCall.uri(metric.url, "the url");
    String method = metric.method == null ? "GET" : metric.method.trim().toUpperCase(Locale.ROOT);
    String server = method + " " + HttpCall.describe(url);
    HttpResponse<String> answer = HttpCall.send(http, request(url, method, metric), server,
        Timeouts.parse(metric.timeout, DEFAULT_TIMEOUT));
    if (!HttpCall.isSuccess(answer)) {
      throw new MeasurementException(server + " answered " + answer.statusCode());
    }
    Object document;
    try {
      document = JSON.readValue(answer.body(), Object.class);
    } catch (JsonProcessingException e) {
      throw new MeasurementException(server + " answered " + answer.statusCode()
          + " but the body is not JSON");
    }
    return plain(metric.jsonPath == null ? document : pick(document, metric.jsonPath));
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

  private static Object pick(Object document, String jsonPath) throws MeasurementException {
    String path = jsonPath.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1).trim();
    }
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(path);
    } catch (InvalidPathException e) {
      throw new MeasurementException("jsonPath " + jsonPath + " is not valid: " + e.getMessage());
    }
    try {
      if (document != null) { // Jayway refuses a null document (a body of just "null")
        Object picked = compiled.read(document, JSON_PATH);
        // an indefinite path (wildcard, filter, deep scan) answers a list, empty if nothing matched
        if (compiled.isDefinite() || !(picked instanceof List<?> list && list.isEmpty())) {
          return picked;
        }
      }
    } catch (PathNotFoundException e) {
      // reported below
    } catch (JsonPathException e) {
      throw new MeasurementException("jsonPath " + jsonPath
          + " cannot be applied to the response: " + e.getMessage());
    }
    throw new MeasurementException("jsonPath " + jsonPath + " matched nothing in the response");
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
