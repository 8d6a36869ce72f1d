package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Queries to one InfluxDB: what the InfluxDB provider and the compare metric's InfluxDB counters
 * share. Flux goes to InfluxDB 2.x's {@code POST /api/v2/query?org=…} and is answered in
 * annotated CSV ({@link FluxCsv}); InfluxQL goes to InfluxDB 1.x's {@code GET /query?db=…&q=…}
 * (which 2.x also serves) and is answered in JSON ({@link InfluxQlAnswer}). A query's values
 * are one Double per row; every failure names the query and quotes the answer's first bytes,
 * never a credential.
 */
final class InfluxQuery {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUERY_SHOWN = 120;

  private final HttpClient http;
  private final InfluxProfile profile;
  private final boolean flux;
  private final String database;
  private final String server;
  private final Duration timeout;

  /** Reads the profile and checks the language and timeout, so a query only fails on its own. */
  InfluxQuery(HttpClient http, Secrets secrets, String namespace, String profile,
      String language, String database, IntOrString timeout) throws MeasurementException {
    this.http = http;
    this.flux = language == null || language.equals("flux");
    if (!flux && !language.equals("influxql")) {
      throw new MeasurementException("language \"" + language
          + "\" is not one InfluxDB speaks here: write flux or influxql");
    }
    this.timeout = Timeouts.parse(timeout, DEFAULT_TIMEOUT);
    this.profile = InfluxProfile.read(secrets, namespace, profile);
    this.database = database;
    this.server = "InfluxDB at " + HttpCall.describe(this.profile.address());
  }

  /** The query's values, one per row; an empty list when it has no rows. */
  List<Double> run(String query) throws MeasurementException {
    try {
      HttpResponse<String> answer = HttpCall.send(http, request(query), server, timeout);
      if (!HttpCall.isSuccess(answer)) {
        throw HttpCall.failure(answer, server, profile.credential(), profile.secretValues());
      }
      try {
        return flux ? FluxCsv.values(answer.body()) : InfluxQlAnswer.values(answer.body());
      } catch (MeasurementException e) {
        throw new MeasurementException(server + " answered " + answer.statusCode() + ", but "
            + e.getMessage() + ": " + HttpCall.excerpt(answer.body(), profile.secretValues()));
      }
    } catch (MeasurementException e) {
      throw new MeasurementException(name(query) + ": " + e.getMessage());
    }
  }

  /** How messages name a query: its language and its first characters. */
  String name(String query) {
    String text = query == null ? "" : query.replaceAll("\\s+", " ").trim();
    return (flux ? "Flux" : "InfluxQL") + " query \"" + (text.length() <= QUERY_SHOWN ? text
        : text.substring(0, QUERY_SHOWN) + "…") + "\"";
  }

  private HttpRequest request(String query) throws MeasurementException {
    String base = profile.address().toString().replaceAll("/+$", "");
    if (!flux) {
      URI uri = URI.create(base + "/query?epoch=ms&q=" + encode(query)
          + (database == null || database.isBlank() ? "" : "&db=" + encode(database)));
      return profile.authorize(HttpRequest.newBuilder(uri)).GET().build();
    }
    URI uri = URI.create(base + "/api/v2/query?org=" + encode(profile.org()));
    return profile.authorize(HttpRequest.newBuilder(uri))
        .header("Accept", "application/csv")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(fluxBody(query))).build();
  }

  /** The Query object of /api/v2/query, asking for the annotations that {@link FluxCsv} reads. */
  private static String fluxBody(String query) {
    try {
      return JSON.writeValueAsString(Map.of("query", query == null ? "" : query, "type", "flux",
          "dialect", Map.of("header", true, "delimiter", ",",
              "annotations", List.of("datatype", "group", "default"))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
  }
}
