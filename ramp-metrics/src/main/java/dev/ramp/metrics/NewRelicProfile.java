package dev.ramp.metrics;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A New Relic access profile, as Argo Rollouts keeps it: a Secret (default
 * {@value #DEFAULT_SECRET}) holding {@code personal-api-key}, {@code account-id}, {@code region}
 * ({@code us}, the default, or {@code eu}) and, behind a proxy, {@code base-url-nerdgraph}
 * (NerdGraph's whole URL). The key is only ever sent to NerdGraph, as its {@code API-Key}
 * header; messages name the Secret and its keys.
 */
final class NewRelicProfile {
  static final String DEFAULT_SECRET = "newrelic";
  private static final Map<String, String> NERDGRAPH = Map.of(
      "us", "https://api.newrelic.com/graphql", "eu", "https://api.eu.newrelic.com/graphql");

  private final String secret;
  private final URI nerdGraph;
  private final long account;
  private final String apiKey;

  private NewRelicProfile(String secret, URI nerdGraph, long account, String apiKey) {
    this.secret = secret;
    this.nerdGraph = nerdGraph;
    this.account = account;
    this.apiKey = apiKey;
  }

  /** The profile named {@code profile} (default {@value #DEFAULT_SECRET}) in {@code namespace}. */
  static NewRelicProfile read(Secrets secrets, String namespace, String profile)
      throws MeasurementException {
    String name = profile == null || profile.isBlank() ? DEFAULT_SECRET : profile.trim();
    Map<String, String> values = secrets.require(namespace, name, "the New Relic profile");
    if (blank(values.get("personal-api-key"))) {
      throw new MeasurementException("Secret " + name + " has no personal-api-key, which"
          + " NerdGraph needs");
    }
    String account = String.valueOf(values.get("account-id")).trim();
    if (!account.matches("\\d{1,18}")) {
      throw new MeasurementException("Secret " + name + " has no account-id, New Relic's"
          + " numeric account ID");
    }
    String region = blank(values.get("region")) ? "us"
        : values.get("region").trim().toLowerCase(Locale.ROOT);
    if (!NERDGRAPH.containsKey(region)) {
      throw new MeasurementException("the region in Secret " + name + " is \"" + region
          + "\", not us or eu");
    }
    String url = blank(values.get("base-url-nerdgraph")) ? NERDGRAPH.get(region)
        : values.get("base-url-nerdgraph");
    return new NewRelicProfile(name, HttpCall.uri(url, "the base-url-nerdgraph in Secret "
        + name), Long.parseLong(account), values.get("personal-api-key").strip());
  }

  URI nerdGraph() {
    return nerdGraph;
  }

  long account() {
    return account;
  }

  HttpRequest.Builder authorize(HttpRequest.Builder request) throws MeasurementException {
    try {
      return request.header("API-Key", apiKey);
    } catch (IllegalArgumentException e) {
      // the JDK's message quotes the header's value: the key itself
      throw new MeasurementException(credential() + " cannot be sent in an HTTP header: it"
          + " holds a line break or another character headers cannot carry");
    }
  }

  /** How a refusal names what was sent. */
  String credential() {
    return "the personal-api-key of Secret " + secret;
  }

  /** The values an answer must never repeat into a message. */
  List<String> secretValues() {
    return List.of(apiKey);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
