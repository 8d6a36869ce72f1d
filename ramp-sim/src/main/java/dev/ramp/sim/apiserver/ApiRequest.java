package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A request to the API server: its path apart from its decoded query, and its body. */
final class ApiRequest {
  private final RecordedRequest recorded;
  private final String path;
  private final Map<String, String> query = new LinkedHashMap<>();

  ApiRequest(RecordedRequest recorded) {
    this.recorded = recorded;
    String target = recorded.getPath();
    int question = target.indexOf('?');
    this.path = question < 0 ? target : target.substring(0, question);
    if (question >= 0) {
      for (String pair : target.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        query.putIfAbsent(decode(key), decode(value));
      }
    }
  }

  HttpMethod method() {
    return recorded.method();
  }

  String path() {
    return path;
  }

  /** A query parameter, decoded; null when absent. */
  String param(String name) {
    return query.get(name);
  }

  boolean isWatch() {
    return "true".equals(param("watch")) || "1".equals(param("watch"));
  }

  /** The media type of the body without parameters, e.g. {@code application/merge-patch+json}. */
  String contentType() {
    String header = recorded.getHeader("Content-Type");
    return header == null ? "" : header.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  String accept() {
    String header = recorded.getHeader("Accept");
    return header == null ? "" : header;
  }

  JsonNode body() {
    return Json.read(rawBody());
  }

  byte[] rawBody() {
    Buffer body = recorded.getBody();
    return body == null ? new byte[0] : body.getBytes();
  }

  /** This request at another path, with the same query and headers, and another body. */
  ApiRequest at(String otherPath, byte[] body) {
    String target = recorded.getPath();
    int question = target.indexOf('?');
    return new ApiRequest(new RecordedRequest(recorded.getHttpVersion(), method(),
        otherPath + (question < 0 ? "" : target.substring(question)), recorded.getHeaders(),
        new Buffer(body)));
  }

  /** This request with another target (path and query) and body, for the store. */
  RecordedRequest rewritten(HttpMethod method, String target, byte[] body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest(recorded.getHttpVersion(), method, target, headers,
        new Buffer(body));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
