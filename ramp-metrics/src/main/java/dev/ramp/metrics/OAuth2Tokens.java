package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.analysis.PrometheusAuthentication.OAuth2;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth2 client-credentials tokens (RFC 6749 4.4), fetched from the token URL with a form POST
 * and kept until shortly before they expire, so that measurements do not each ask for one. The
 * token request goes through the metric's own HTTP client, so that its {@code insecure} and
 * {@code ca} apply to the token endpoint as to Prometheus.
 */
final class OAuth2Tokens {
  /** A token is fetched again this long before it expires, so that none is sent stale. */
  private static final Duration EARLY = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final Map<Client, Token> tokens = new ConcurrentHashMap<>();

  OAuth2Tokens(Clock clock) {
    this.clock = clock;
  }

  /** A valid access token for the client; the cached one unless it is about to expire. */
  String token(OAuth2 oauth2, HttpClient http, Duration timeout) throws MeasurementException {
    Client client = new Client(oauth2.tokenUrl, oauth2.clientId, oauth2.clientSecret,
        oauth2.scopes == null ? List.of() : List.copyOf(oauth2.scopes));
    Token cached = tokens.get(client);
    if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
      return cached.value();
    }
    Token fresh = fetch(client, http, timeout);
    tokens.put(client, fresh);
    return fresh.value();
  }

  private Token fetch(Client client, HttpClient http, Duration timeout)
      throws MeasurementException {
    URI url = HttpCall.uri(client.tokenUrl(), "the OAuth2 tokenUrl");
    String server = "the OAuth2 token endpoint " + HttpCall.describe(url);
    String form = "grant_type=client_credentials&client_id=" + encode(client.id())
        + "&client_secret=" + encode(client.secret())
        + (client.scopes().isEmpty() ? "" : "&scope=" + encode(String.join(" ", client.scopes())));
    HttpResponse<String> answer = HttpCall.send(http, HttpRequest.newBuilder(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), server, timeout);
    List<String> secrets = client.secret() == null ? List.of() : List.of(client.secret());
    if (!HttpCall.isSuccess(answer)) {
      throw HttpCall.failure(answer, server,
          "the client credentials of clientId " + client.id(), secrets);
    }
    JsonNode json;
    try {
      json = JSON.readTree(answer.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.path("access_token").isTextual()) {
      throw new MeasurementException(server + " answered " + answer.statusCode()
          + " without an access_token: " + HttpCall.excerpt(answer.body(), secrets));
    }
    Instant refreshAt = json.path("expires_in").canConvertToLong()
        ? clock.instant().plusSeconds(json.path("expires_in").asLong()).minus(EARLY)
        : clock.instant(); // no lifetime given: fetched again for the next measurement
    return new Token(json.path("access_token").asText(), refreshAt);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  private record Client(String tokenUrl, String id, String secret, List<String> scopes) {}

  private record Token(String value, Instant refreshAt) {}
}
