package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NRQL queries through New Relic's NerdGraph: what the New Relic provider and the compare
 * metric's New Relic counters share. A query is {@code POST} of a GraphQL
 * {@code actor { account(id) { nrql(query) { results } } }} with the account and NRQL as
 * variables (so no NRQL needs escaping); the answer's {@code results} are rows, each a map by
 * column name. GraphQL errors come with a 200, so they are read from the body. Every failure
 * names the query and quotes the answer's first bytes, never the key.
 */
final class NrqlQuery {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final String GRAPHQL = "query($account: Int!, $nrql: Nrql!) { actor {"
      + " account(id: $account) { nrql(query: $nrql) { results } } } }";
  /** New Relic writes NaN for a value without a number, e.g. an average of nothing. */
  private static final ObjectMapper JSON = AnswerJson.LENIENT;
  private static final int QUERY_SHOWN = 120;

  /** What a caller makes of the rows; its failures are told as the answer's. */
  @FunctionalInterface
  interface Reading<T> {
    T read(List<Map<String, Object>> rows) throws MeasurementException;
  }

  private final HttpClient http;
  private final NewRelicProfile profile;
  private final String server;
  private final Duration timeout;

  /** Reads the profile and checks the timeout, so a query only fails on its own. */
  NrqlQuery(HttpClient http, Secrets secrets, String namespace, String profile,
      IntOrString timeout) throws MeasurementException {
    this.http = http;
    this.timeout = Timeouts.parse(timeout, DEFAULT_TIMEOUT);
    this.profile = NewRelicProfile.read(secrets, namespace, profile);
    this.server = "New Relic NerdGraph at " + HttpCall.describe(this.profile.nerdGraph());
  }

  <T> T run(String nrql, Reading<T> reading) throws MeasurementException {
    try {
      if (nrql == null || nrql.isBlank()) {
        throw new MeasurementException("it is empty");
      }
      HttpResponse<String> answer = HttpCall.send(http, request(nrql), server, timeout);
      if (!HttpCall.isSuccess(answer)) {
        throw HttpCall.failure(answer, server, profile.credential(), profile.secretValues());
      }
      try {
        return reading.read(rows(answer.body()));
      } catch (MeasurementException e) {
        throw new MeasurementException(server + " answered " + answer.statusCode() + ", but "
            + e.getMessage() + ": " + HttpCall.excerpt(answer.body(), profile.secretValues()));
      }
    } catch (MeasurementException e) {
      throw new MeasurementException(name(nrql) + ": " + e.getMessage());
    }
  }

  private static String name(String nrql) {
    String text = String.valueOf(nrql).replaceAll("\\s+", " ").trim();
    return "NRQL query \"" + (text.length() <= QUERY_SHOWN ? text
        : text.substring(0, QUERY_SHOWN) + "…") + "\"";
  }

  private HttpRequest request(String nrql) throws MeasurementException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("account", profile.account());
    variables.put("nrql", nrql);
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("query", GRAPHQL, "variables", variables));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and numbers are always JSON", e);
    }
    return profile.authorize(HttpRequest.newBuilder(profile.nerdGraph()))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** The rows of {@code data.actor.account.nrql.results}, or the GraphQL errors' messages. */
  private static List<Map<String, Object>> rows(String body) throws MeasurementException {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MeasurementException("it is not JSON");
    }
    if (answer == null || !answer.isObject()) {
      throw new MeasurementException("it is not a GraphQL answer");
    }
    if (answer.path("errors").isArray() && !answer.path("errors").isEmpty()) {
      List<String> messages = new ArrayList<>();
      answer.path("errors").forEach(error -> messages.add(error.path("message").asText()));
      throw new MeasurementException("with errors (" + String.join("; ", messages) + ")");
    }
    JsonNode results = answer.path("data").path("actor").path("account").path("nrql")
        .path("results");
    if (!results.isArray()) {
      throw new MeasurementException("it has no data.actor.account.nrql.results");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode row : results) {
      if (!row.isObject()) {
        throw new MeasurementException("a row of its results is not an object");
      }
      Map<String, Object> columns = new LinkedHashMap<>();
      row.fields().forEachRemaining(column -> columns.put(column.getKey(),
          JSON.convertValue(column.getValue(), Object.class)));
      rows.add(columns);
    }
    return rows;
  }
}
