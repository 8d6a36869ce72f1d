package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.NewRelicMetric;
import dev.ramp.metrics.FakeNerdGraph.Answer;
import dev.ramp.metrics.FakeNerdGraph.Asked;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The New Relic provider against {@link FakeNerdGraph}, with metrics written as for Argo
 * Rollouts (profile and query only) and a profile Secret as Argo's docs show it. The answers
 * are the shapes of "NerdGraph tutorial: NRQL"
 * (docs.newrelic.com/docs/apis/nerdgraph/examples/nerdgraph-nrql-tutorial/); GraphQL errors
 * come with a 200, as "NerdGraph errors"
 * (docs.newrelic.com/docs/apis/nerdgraph/get-started/nerdgraph-errors/) describes them.
 */
class NewRelicProviderTest {
  private static final String SUCCESS_RATE = "FROM Transaction SELECT percentage(count(*),"
      + " WHERE httpResponseCode != 500) AS successRate WHERE appName = 'checkout'";

  private static FakeNerdGraph nerdGraph;

  @BeforeAll
  static void start() throws IOException {
    nerdGraph = new FakeNerdGraph();
    nerdGraph.answer(SUCCESS_RATE, Answer.rows("[{\"successRate\": 99.5}]"));
    nerdGraph.answer("by-host", Answer.rows("[{\"facet\": \"a\", \"p95\": 0.2},"
        + " {\"facet\": \"b\", \"p95\": 0.3}]"));
    nerdGraph.answer("nothing", Answer.rows("[]"));
    nerdGraph.answer("no-value", Answer.rows("[{\"average.duration\": null}]"));
    nerdGraph.answer("not-a-number", Answer.rows("[{\"ratio\": NaN}]"));
    nerdGraph.answer("bad-nrql", Answer.graphQlError("NRQL Syntax Error: Error at line 1"
        + " position 1, unexpected 'bad'"));
    nerdGraph.answer("malformed", new Answer(200, "<html>proxy login</html>", Map.of()));
    nerdGraph.answer("no-results", new Answer(200, "{\"data\":{\"actor\":{\"account\":null}}}",
        Map.of()));
    nerdGraph.answer("echo", new Answer(400, "{\"errors\":[{\"message\":\"bad key "
        + FakeNerdGraph.API_KEY + "\"}]}", Map.of()));
    String tooMany = "{\"errors\":[{\"message\":\"Too many requests\"}]}";
    nerdGraph.answer("busy", new Answer(429, tooMany, Map.of("Retry-After", "1")),
        Answer.rows("[{\"count\": 12}]"));
    nerdGraph.answer("throttled", new Answer(429, tooMany, Map.of("Retry-After", "60")));
    nerdGraph.answer("broken", new Answer(503, "{\"errors\":[{\"message\":\"Service"
        + " Unavailable\"}]}", Map.of()));
    nerdGraph.answer("slow", new Answer(0, null, Map.of()));
  }

  @AfterAll
  static void stop() {
    nerdGraph.close();
  }

  @Test
  void theRowIsTheResultAsAMapByColumnAsArgoGivesIt() {
    MeasurementResult result = measure(SUCCESS_RATE);

    assertThat(result.value()).as(result.message()).isEqualTo(Map.of("successRate", 99.5));
    assertThat(nerdGraph.asked(SUCCESS_RATE)).extracting(Asked::account)
        .containsExactly(FakeNerdGraph.ACCOUNT);
  }

  @Test
  void severalRowsAreAListOfMaps() {
    assertThat(measure("by-host").value()).isEqualTo(List.of(Map.of("facet", "a", "p95", 0.2),
        Map.of("facet", "b", "p95", 0.3)));
  }

  @Test
  void noRowNullAndNanAreErrorsQuotingTheAnswer() {
    assertThat(measure("nothing").message()).isEqualTo("NRQL query \"nothing\": New Relic"
        + " NerdGraph at " + nerdGraph.url() + " answered 200, but it has no rows: nothing was"
        + " measured: {\"data\":{\"actor\":{\"account\":{\"nrql\":{\"results\":[]}}}}}");
    assertThat(measure("no-value").message()).contains("answered 200, but column"
        + " average.duration has no value: {\"data\"");
    assertThat(measure("not-a-number").message()).contains("answered 200, but column ratio is"
        + " NaN: {\"data\"");
  }

  @Test
  void graphQlErrorsAndMalformedAnswersAreErrors() {
    assertThat(measure("bad-nrql").message()).isEqualTo("NRQL query \"bad-nrql\": New Relic"
        + " NerdGraph at " + nerdGraph.url() + " answered 200, but with errors (NRQL Syntax"
        + " Error: Error at line 1 position 1, unexpected 'bad'): {\"errors\":[{\"message\":"
        + "\"NRQL Syntax Error: Error at line 1 position 1, unexpected 'bad'\"}]}");
    assertThat(measure("malformed").message()).endsWith(" answered 200, but it is not JSON:"
        + " <html>proxy login</html>");
    assertThat(measure("no-results").message()).endsWith(" answered 200, but it has no"
        + " data.actor.account.nrql.results: {\"data\":{\"actor\":{\"account\":null}}}");
  }

  @Test
  void aRefusedKeyOrAccountNamesTheSecretsKeyNeverItsValue() {
    assertThat(measure(profile -> profile.put("personal-api-key", "NRAK-WR0NGK3Y"),
        SUCCESS_RATE).message()).endsWith(" refused the personal-api-key of Secret newrelic"
            + " (401): {\"errors\":[{\"message\":\"Invalid API key\"}]}");
    assertThat(measure(profile -> profile.put("account-id", "7654321"), SUCCESS_RATE)
        .message()).endsWith(" refused the personal-api-key of Secret newrelic (403):"
            + " {\"errors\":[{\"message\":\"the key has no access to account 7654321\"}]}");
    assertThat(measure("echo").message()).endsWith(" answered 400: {\"errors\":[{\"message\":"
        + "\"bad key <redacted>\"}]}");
  }

  @Test
  void retryAfterIsWaitedOutWithinTheTimeoutAndALongOneIsTold() {
    MeasurementResult busy = measure("busy");

    assertThat(busy.value()).as(busy.message()).isEqualTo(Map.of("count", 12));
    List<Asked> asked = nerdGraph.asked("busy");
    assertThat(asked).hasSize(2);
    assertThat(Duration.ofNanos(asked.get(1).atNanos() - asked.get(0).atNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    assertThat(measure("throttled").message()).isEqualTo("NRQL query \"throttled\": New Relic"
        + " NerdGraph at " + nerdGraph.url() + " is rate limiting (429) and asks to wait 1m:"
        + " {\"errors\":[{\"message\":\"Too many requests\"}]}");
    assertThat(nerdGraph.asked("throttled")).hasSize(1);
  }

  @Test
  void aServerFailureAndATimeoutAreErrorsNamingTheQuery() {
    assertThat(measure("broken").message()).isEqualTo("NRQL query \"broken\": New Relic"
        + " NerdGraph at " + nerdGraph.url() + " failed (503): {\"errors\":[{\"message\":"
        + "\"Service Unavailable\"}]}");
    NewRelicMetric slow = argoMetric("slow");
    slow.timeout = new IntOrString("500ms");
    assertThat(measure(profile -> { }, slow).message()).isEqualTo("NRQL query \"slow\": New"
        + " Relic NerdGraph at " + nerdGraph.url() + " did not answer within 500ms");
  }

  @Test
  void aMissingOrIncompleteProfileIsToldBeforeAnythingIsSent() {
    NewRelicMetric metric = argoMetric(SUCCESS_RATE);
    metric.profile = "nr-eu";
    assertThat(measure(profile -> { }, metric).message()).isEqualTo("the New Relic profile,"
        + " Secret nr-eu in namespace " + Requests.NAMESPACE + ", does not exist");
    assertThat(measure(profile -> profile.remove("account-id"), SUCCESS_RATE).message())
        .isEqualTo("Secret newrelic has no account-id, New Relic's numeric account ID");
    assertThat(measure(profile -> profile.put("region", "ap"), SUCCESS_RATE).message())
        .isEqualTo("the region in Secret newrelic is \"ap\", not us or eu");
  }

  private static MeasurementResult measure(String query) {
    return measure(profile -> { }, query);
  }

  private static MeasurementResult measure(Consumer<Map<String, String>> change, String query) {
    return measure(change, argoMetric(query));
  }

  /** Measures with the profile Secret newrelic, changed by {@code change}. */
  private static MeasurementResult measure(Consumer<Map<String, String>> change,
      NewRelicMetric newRelic) {
    Map<String, String> profile = new HashMap<>(Map.of("personal-api-key",
        FakeNerdGraph.API_KEY, "account-id", String.valueOf(FakeNerdGraph.ACCOUNT),
        "base-url-nerdgraph", nerdGraph.url()));
    change.accept(profile);
    MeasurementResult result = new NewRelicProvider(HttpClient.newHttpClient(),
        Requests.secrets(Map.of("newrelic", profile)))
        .measure(Requests.newRelic(newRelic));
    assertThat(String.valueOf(result.message())).doesNotContain("K3Y");
    return result;
  }

  /** As Argo Rollouts users write it: the query, the profile left to its default. */
  private static NewRelicMetric argoMetric(String query) {
    NewRelicMetric metric = new NewRelicMetric();
    metric.query = query;
    return metric;
  }
}
