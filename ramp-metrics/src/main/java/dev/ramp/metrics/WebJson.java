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
import dev.ramp.api.analysis.Header;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * JSON documents fetched over HTTP and values picked from them with Jayway JSONPath, written
 * {@code $.a.b} or, as Argo Rollouts users write it, {@code {$.a.b}}: what the web provider and
 * the compare metric's web counters share. Documents are what Jackson reads into plain Java:
 * Maps, Lists, Strings, Numbers, Booleans and null.
 */
final class WebJson {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Configuration JSON_PATH = Configuration.builder()
      .jsonProvider(new JacksonJsonProvider(JSON))
      .mappingProvider(new JacksonMappingProvider(JSON))
      .build();

  private WebJson() {}

  /**
   * Sends the request and reads the answer's body as JSON; an answer that is not 2xx is an error.
   *
   * @param headers the metric's headers, which the request carries
   * @param server how messages name the request, e.g. "GET http://host/path"
   */
  static Object fetch(HttpClient http, HttpRequest request, List<Header> headers, String server,
      Duration timeout) throws MeasurementException {
    HttpResponse<String> answer = HttpCall.send(http, request, server, timeout);
    if (!HttpCall.isSuccess(answer)) {
      throw HttpCall.failure(answer, server, HttpCall.sentHeaders(headers),
          HttpCall.secretsOf(request.uri(), headers));
    }
    try {
      return JSON.readValue(answer.body(), Object.class);
    } catch (JsonProcessingException e) {
      throw new MeasurementException(server + " answered " + answer.statusCode()
          + " but the body is not JSON");
    }
  }

  /**
   * The value at {@code jsonPath}. A path that matches nothing (a missing field, or a wildcard or
   * filter that selects no element) is an error.
   *
   * @param field how messages name the path: the metric's field that holds it, e.g. "jsonPath"
   */
  static Object pick(Object document, String field, String jsonPath)
      throws MeasurementException {
    if (jsonPath == null) {
      throw new MeasurementException(field + " is not set");
    }
    String path = jsonPath.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1).trim();
    }
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(path);
    } catch (InvalidPathException e) {
      throw new MeasurementException(field + " " + jsonPath + " is not valid: " + e.getMessage());
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
      throw new MeasurementException(field + " " + jsonPath
          + " cannot be applied to the response: " + e.getMessage());
    }
    throw new MeasurementException(field + " " + jsonPath + " matched nothing in the response");
  }
}
