package dev.ramp.controller.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.cluster.routing.RouterPlugins;
import dev.ramp.cluster.routing.RouterProblem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Router plugins over HTTP (protocol v1, docs/router-plugins.md): each operation is a POST of a
 * JSON object to {@code <url>/v1/<operation>}, answered with a JSON object. Timeouts are short,
 * as a reconcile waits for the answer.
 */
public final class HttpRouterPlugins implements RouterPlugins {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
  private static final int MESSAGE_LENGTH = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpRouterPlugins SHARED = new HttpRouterPlugins();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** The controller's one client for router plugins. */
  public static HttpRouterPlugins shared() {
    return SHARED;
  }

  @Override
  public ObjectNode send(String url, String operation, ObjectNode request, BearerToken token) {
    URI uri = uri(url, operation);
    HttpRequest.Builder post = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(request.toString()));
    if (token != null) {
      post.header("Authorization", "Bearer " + token.value());
    }
    HttpResponse<String> response;
    try {
      response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new RouterProblem("router plugin " + uri + " did not answer within "
          + ANSWER_TIMEOUT.toSeconds() + " seconds");
    } catch (IOException e) {
      throw new RouterProblem("router plugin " + uri + " cannot be reached: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RouterProblem("interrupted while waiting for router plugin " + uri);
    }
    return answer(uri, response, token);
  }

  private static ObjectNode answer(URI uri, HttpResponse<String> response, BearerToken token) {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new RouterProblem("router plugin " + uri + " refused "
          + (token == null ? "a request without a token (name a Secret holding one in"
              + " trafficRouting.plugin.tokenSecretRef)" : "the " + token)
          + ": HTTP " + status + message(response.body()));
    }
    if (status < 200 || status > 299) {
      throw new RouterProblem("router plugin " + uri + " failed: HTTP " + status
          + message(response.body()));
    }
    try {
      JsonNode answer = JSON.readTree(response.body());
      if (answer instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // said below
    }
    throw new RouterProblem("router plugin " + uri + " answered with something other than a"
        + " JSON object: " + shortened(response.body()));
  }

  private static URI uri(String url, String operation) {
    try {
      URI uri = URI.create((url.endsWith("/") ? url : url + "/") + "v1/" + operation);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http or https URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new RouterProblem("trafficRouting.plugin.url \"" + url + "\" is not an http(s) URL");
    }
  }

  /** The plugin's own words: the {@code message} of a JSON answer, or its body. */
  private static String message(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer.path("message").isTextual()) {
        return ": " + shortened(answer.get("message").asText());
      }
    } catch (JsonProcessingException e) {
      // not JSON: the body is the message
    }
    return ": " + shortened(body);
  }

  private static String shortened(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= MESSAGE_LENGTH ? line : line.substring(0, MESSAGE_LENGTH) + "…";
  }
}
