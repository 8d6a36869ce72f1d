package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Cloud Monitoring's Prometheus-compatible API and Google's OAuth 2.0 token endpoint on
 * loopback, as documented:
 *
 * <ul>
 *   <li>the token endpoint as "Using OAuth 2.0 for Server to Server Applications"
 *       (developers.google.com/identity/protocols/oauth2/service-account, "Making the access
 *       token request") describes it: {@code POST} of a form with {@code grant_type=
 *       urn:ietf:params:oauth:grant-type:jwt-bearer} and an {@code assertion}, a JWT signed
 *       RS256 with the service account's key whose claims are {@code iss} (its email),
 *       {@code scope}, {@code aud} (Google's token URL), {@code iat} and {@code exp}; answered
 *       {@code {"access_token", "expires_in", "token_type": "Bearer"}}, or 400
 *       {@code {"error": "invalid_grant", "error_description"}};
 *   <li>the query API as "Query using the Prometheus API"
 *       (cloud.google.com/stackdriver/docs/managed-prometheus/query-api-ui):
 *       {@code GET /v1/projects/<project>/location/global/prometheus/api/v1/query?query=…} with
 *       {@code Authorization: Bearer <token>}, answered as Prometheus' HTTP API
 *       (prometheus.io/docs/prometheus/latest/querying/api/); a token it did not issue is
 *       refused 401 and another project 403, in Google's error shape
 *       {@code {"error": {"code", "message", "status"}}} (cloud.google.com/apis/design/errors).
 * </ul>
 *
 * The service account's key pair is made here; {@link #serviceAccountKey()} is its JSON key
 * file, with {@code token_uri} pointing at this server.
 */
final class FakeCloudMonitoring extends FakeApi<FakeCloudMonitoring.Answer, FakeCloudMonitoring.Asked> {
  static final String PROJECT = "ramp-demo";
  static final String CLIENT_EMAIL = "ramp-analysis@ramp-demo.iam.gserviceaccount.com";

  /** The document's {@code aud}: Google's token URL, wherever the token is asked for. */
  private static final String AUDIENCE = "https://oauth2.googleapis.com/token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern QUERY_PATH =
      Pattern.compile("/v1/projects/([^/]+)/location/global/prometheus/api/v1/query");

  private final KeyPair key;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile long expiresIn = 3600;
  private volatile boolean keyRevoked;

  /** An answer; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String body, Map<String, String> headers) implements FakeApi.Reply {
    /** Prometheus' answer to an instant query with this result, e.g. a vector. */
    static Answer prometheus(String resultType, String result) {
      return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"" + resultType
          + "\",\"result\":" + result + "}}", Map.of());
    }

    @Override
    public String contentType() {
      return "application/json";
    }
  }

  /** A query as the API read it: the bearer token it came with. */
  record Asked(String token, long atNanos) {}

  FakeCloudMonitoring() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      key = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has RSA", e);
    }
    serve(Map.of("/token", this::token, "/v1/projects/", this::query));
  }

  /** The address of the project's Prometheus API here, as a metric's {@code address}. */
  String address(String project) {
    return address() + "/v1/projects/" + project + "/location/global/prometheus";
  }

  /** The service account's JSON key file, as Google's console gives it. */
  String serviceAccountKey() throws IOException {
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder()
        .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    return JSON.writeValueAsString(Map.of("type", "service_account", "project_id", PROJECT,
        "private_key_id", "f4k3k3y1d", "private_key", pem, "client_email", CLIENT_EMAIL,
        "client_id", "100000000000000000001", "token_uri", address() + "/token"));
  }

  /** How many access tokens were asked for. */
  int tokenRequests() {
    return tokenRequests.get();
  }

  /** The lifetime of the tokens issued from now on. */
  void expiresIn(long seconds) {
    expiresIn = seconds;
  }

  /** Refuses the key from now on, and the tokens issued so far, as a deleted key is. */
  void revokeKey() {
    keyRevoked = true;
    issued.clear();
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.incrementAndGet();
    Map<String, List<String>> form = FakeApi.parameters(
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (!exchange.getRequestMethod().equals("POST")
        || !List.of("urn:ietf:params:oauth:grant-type:jwt-bearer").equals(form.get("grant_type"))
        || form.get("assertion") == null) {
      LoopbackHttp.answer(exchange, 400, "application/json",
          "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Invalid grant_type\"}");
      return;
    }
    String wrong = keyRevoked ? "Invalid JWT Signature." : wrongAssertion(form.get("assertion")
        .get(0));
    if (wrong != null) {
      LoopbackHttp.answer(exchange, 400, "application/json", JSON.writeValueAsString(
          Map.of("error", "invalid_grant", "error_description", wrong)));
      return;
    }
    String token = "ya29.f4k3" + issued.size() + "t0k3n";
    issued.add(token);
    LoopbackHttp.answer(exchange, 200, "application/json", JSON.writeValueAsString(
        Map.of("access_token", token, "expires_in", expiresIn, "token_type", "Bearer")));
  }

  /** What is wrong with the JWT: its signature, issuer, audience, scope or lifetime. */
  private String wrongAssertion(String jwt) throws IOException {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return "not a JWT";
    }
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key.getPublic());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return "Invalid JWT Signature.";
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "Invalid JWT Signature.";
    }
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    long now = Instant.now().getEpochSecond();
    return !CLIENT_EMAIL.equals(claims.path("iss").asText()) ? "Invalid issuer"
        : !AUDIENCE.equals(claims.path("aud").asText()) ? "Invalid audience"
        : !List.of(claims.path("scope").asText().split(" "))
            .contains(GoogleAccessTokens.MONITORING_READ) ? "Invalid scope"
        : claims.path("exp").asLong() < now || claims.path("iat").asLong() > now + 60
            ? "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe"
        : null;
  }

  private void query(HttpExchange exchange) throws IOException {
    Matcher path = QUERY_PATH.matcher(exchange.getRequestURI().getPath());
    if (!exchange.getRequestMethod().equals("GET") || !path.matches()) {
      LoopbackHttp.answer(exchange, 404, "text/html", "<html>Error 404 (Not Found)</html>");
      return;
    }
    String authorization = String.valueOf(exchange.getRequestHeaders()
        .getFirst("Authorization"));
    String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
    if (!issued.contains(token)) {
      google(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication"
          + " credentials. Expected OAuth 2 access token, login cookie or other valid"
          + " authentication credential.");
      return;
    }
    if (!path.group(1).equals(PROJECT)) {
      google(exchange, 403, "PERMISSION_DENIED", "Permission monitoring.timeSeries.list denied"
          + " (or the resource may not exist).");
      return;
    }
    List<String> promql = FakeApi.parameters(exchange.getRequestURI().getRawQuery())
        .get("query");
    if (promql == null) {
      LoopbackHttp.answer(exchange, 400, "application/json", "{\"status\":\"error\","
          + "\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\"\"}");
      return;
    }
    reply(exchange, promql.get(0), new Asked(token, System.nanoTime()), new Answer(400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"no answer registered\"}",
        Map.of()));
  }

  private static void google(HttpExchange exchange, int code, String status, String message)
      throws IOException {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("code", code).put("message", message).put("status", status);
    LoopbackHttp.answer(exchange, code, "application/json", JSON.writeValueAsString(error));
  }
}
