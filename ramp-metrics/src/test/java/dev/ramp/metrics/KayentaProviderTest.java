package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.analysis.KayentaMetric;
import dev.ramp.metrics.FakeKayenta.Answer;
import dev.ramp.metrics.MeasurementResult.State;
import dev.ramp.metrics.MeasurementResult.Verdict;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kayenta provider against {@link FakeKayenta}, with metrics written as Argo Rollouts'
 * Kayenta documentation shows them. A measurement starts an execution and is left running;
 * each resume asks Kayenta once, as the analysis loop does every few seconds.
 */
class KayentaProviderTest {
  private static FakeKayenta kayenta;
  private final KayentaProvider provider = new KayentaProvider(HttpClient.newHttpClient());

  @BeforeAll
  static void start() throws IOException {
    kayenta = new FakeKayenta();
    kayenta.judge("version=healthy", Answer.running(), Answer.running(),
        Answer.scored(97.0, "Pass"));
    kayenta.judge("version=at-pass", Answer.scored(90.0, "Pass"));
    kayenta.judge("version=marginal", Answer.scored(80.5, "Marginal"));
    kayenta.judge("version=at-marginal", Answer.scored(75.0, "Marginal"));
    kayenta.judge("version=bad", Answer.scored(42.0, "Fail"));
    kayenta.judge("version=no-data", Answer.terminal("No data returned for metric"
        + " error-rate"));
    kayenta.judge("version=malformed", new Answer(200, "<html>sign in</html>", Map.of()));
    kayenta.judge("version=odd", new Answer(200, "{\"status\":\"running\"}", Map.of()));
    kayenta.judge("version=busy", new Answer(429, "{\"status\":429,\"error\":\"Too Many"
        + " Requests\"}", Map.of("Retry-After", "1")), Answer.scored(99.0, "Pass"));
    kayenta.judge("version=broken", new Answer(503, "{\"status\":503,\"error\":\"Service"
        + " Unavailable\"}", Map.of()));
    kayenta.judge("version=slow", new Answer(0, null, Map.of()));
  }

  @AfterAll
  static void stop() {
    kayenta.close();
  }

  @Test
  void aJudgementIsStartedLeftRunningAndFollowedUntilKayentaScoresIt() {
    KayentaMetric metric = argoMetric("version=healthy");

    MeasurementResult started = provider.measure(Requests.kayenta(metric));

    assertThat(started.state()).as(started.message()).isEqualTo(State.RUNNING);
    String execution = started.metadata().get(KayentaProvider.EXECUTION_ID);
    assertThat(execution).isNotBlank();
    JsonNode request = kayenta.started().get(kayenta.started().size() - 1);
    assertThat(request.path("thresholds").path("pass").asInt()).isEqualTo(90);
    assertThat(request.path("thresholds").path("marginal").asInt()).isEqualTo(75);
    assertThat(request.path("scopes").path("default").path("controlScope").path("scope")
        .asText()).isEqualTo("version=stable");
    assertThat(request.path("scopes").path("default").path("experimentScope").path("step")
        .asInt()).isEqualTo(60);

    assertThat(resume(metric, started).state()).isEqualTo(State.RUNNING);
    assertThat(resume(metric, started).state()).isEqualTo(State.RUNNING);
    MeasurementResult judged = resume(metric, started);

    assertThat(judged.state()).isEqualTo(State.DONE);
    assertThat(judged.verdict()).isEqualTo(Verdict.SUCCESSFUL);
    assertThat(judged.value()).isEqualTo(97.0);
    assertThat(judged.message()).isEqualTo("Kayenta scored canary execution " + execution
        + " 97 (pass 90, marginal 75)");
    assertThat(kayenta.polls("version=healthy")).isEqualTo(3);
  }

  @Test
  void theScoreDecidesAsArgoDecidesIt() {
    assertThat(judge("version=at-pass").verdict()).isEqualTo(Verdict.SUCCESSFUL);
    MeasurementResult marginal = judge("version=marginal");
    assertThat(marginal.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(marginal.message()).endsWith(" 80.5 (pass 90, marginal 75)");
    assertThat(judge("version=at-marginal").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(judge("version=bad").verdict()).isEqualTo(Verdict.FAILED);
  }

  @Test
  void anExecutionThatEndsWithoutAScoreOrAnOddAnswerIsAnError() {
    assertThat(judge("version=no-data").message()).matches("canary execution \\w+ ended"
        + " terminal without a score: \\{\"application\":\"checkout\",\"complete\":true,"
        + "\"status\":\"terminal\",\"exception\":\\{\"details\":\\{\"error\":\"No data"
        + " returned for metric error-rate\"}}}");
    assertThat(judge("version=malformed").message()).matches("Kayenta at "
        + kayenta.address() + " answered GET /canary/\\w+ with what is not JSON: <html>sign"
        + " in</html>");
    assertThat(judge("version=odd").message()).matches("Kayenta at " + kayenta.address()
        + " answered for canary execution \\w+ without saying whether it is complete:"
        + " \\{\"status\":\"running\"}");
  }

  @Test
  void rateLimitingIsWaitedOutAndAServerFailureOrATimeoutIsAnError() {
    assertThat(judge("version=busy").verdict()).isEqualTo(Verdict.SUCCESSFUL);
    assertThat(kayenta.polls("version=busy")).isEqualTo(2);

    assertThat(judge("version=broken").message()).matches("Kayenta at " + kayenta.address()
        + " \\(GET /canary/\\w+\\) failed \\(503\\): \\{\"status\":503,\"error\":\"Service"
        + " Unavailable\"}");
    KayentaMetric slow = argoMetric("version=slow");
    slow.timeout = new IntOrString("500ms");
    MeasurementResult started = provider.measure(Requests.kayenta(slow));
    assertThat(resume(slow, started).message()).isEqualTo("Kayenta at " + kayenta.address()
        + " did not answer within 500ms");
  }

  @Test
  void anUnknownConfigOrAccountIsToldWithWhatKayentaHas() {
    KayentaMetric unknown = argoMetric("version=healthy");
    unknown.canaryConfigName = "chekout-canary";
    assertThat(provider.measure(Requests.kayenta(unknown)).message()).isEqualTo("Kayenta at "
        + kayenta.address() + " has no canary config named \"chekout-canary\" for application"
        + " checkout in account canary-configs (it has payments-canary, checkout-canary)");

    KayentaMetric account = argoMetric("version=healthy");
    account.metricsAccountName = "datadog";
    assertThat(provider.measure(Requests.kayenta(account)).message()).isEqualTo("Kayenta at "
        + kayenta.address() + " (POST /canary/" + FakeKayenta.CONFIG_ID + ") answered 400:"
        + " {\"timestamp\":\"2026-12-07T13:00:00.000+00:00\",\"status\":400,\"error\":\"Bad"
        + " Request\",\"message\":\"Unable to resolve account [datadog]\",\"path\":\"/canary/"
        + FakeKayenta.CONFIG_ID + "\"}");
  }

  @Test
  void thresholdsThatCannotDecideAreToldBeforeAnythingIsStarted() {
    int before = kayenta.started().size();
    KayentaMetric inverted = argoMetric("version=healthy");
    inverted.threshold.marginal = 95;

    assertThat(provider.measure(Requests.kayenta(inverted)).message()).isEqualTo(
        "threshold.marginal (95) is above threshold.pass (90)");
    assertThat(kayenta.started()).hasSize(before);
    assertThat(provider.resume(Requests.kayenta(inverted), Map.of()).message())
        .isEqualTo("the measurement has no Kayenta canary execution to follow");
  }

  /** Starts an execution of {@code experimentScope} and resumes it once. */
  private MeasurementResult judge(String experimentScope) {
    KayentaMetric metric = argoMetric(experimentScope);
    MeasurementResult started = provider.measure(Requests.kayenta(metric));
    assertThat(started.state()).as(started.message()).isEqualTo(State.RUNNING);
    return resume(metric, started);
  }

  private MeasurementResult resume(KayentaMetric metric, MeasurementResult running) {
    return provider.resume(Requests.kayenta(metric), running.metadata());
  }

  /** As Argo Rollouts' documentation writes a Kayenta metric, with one scope. */
  private static KayentaMetric argoMetric(String experimentScope) {
    KayentaMetric metric = new KayentaMetric();
    metric.address = kayenta.address();
    metric.application = FakeKayenta.APPLICATION;
    metric.canaryConfigName = FakeKayenta.CONFIG_NAME;
    metric.metricsAccountName = FakeKayenta.METRICS_ACCOUNT;
    metric.configurationAccountName = FakeKayenta.CONFIG_ACCOUNT;
    metric.storageAccountName = FakeKayenta.STORAGE_ACCOUNT;
    metric.threshold = new KayentaMetric.Threshold();
    metric.threshold.pass = 90;
    metric.threshold.marginal = 75;
    KayentaMetric.Scope scope = new KayentaMetric.Scope();
    scope.name = "default";
    scope.controlScope = scope("version=stable");
    scope.experimentScope = scope(experimentScope);
    metric.scopes = List.of(scope);
    return metric;
  }

  private static KayentaMetric.ScopeDetail scope(String scope) {
    KayentaMetric.ScopeDetail detail = new KayentaMetric.ScopeDetail();
    detail.scope = scope;
    detail.step = 60;
    detail.start = "2026-12-07T12:00:00Z";
    detail.end = "2026-12-07T13:00:00Z";
    return detail;
  }
}
