package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.KayentaMetric;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A canary judged by Kayenta through the real operator: the analysis step starts a canary
 * execution, the measurement stays Running while Kayenta judges, and Kayenta's score decides
 * the step. The Kayenta here answers as its REST API does (GET /canaryConfig, POST
 * /canary/{configId} answered {canaryExecutionId}, GET /canary/{executionId} answered
 * {complete, status, result.judgeResult.score.score}); it is running at the first poll of each
 * execution, then scores the experiment's revision as the test set.
 */
class KayentaAnalysisTest extends ClusterTest {
  private static final String TEMPLATE = "kayenta-judgement";
  private static final String CONFIG_ID = "c4n4ry-c0nf1g";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer kayenta;
  private final Map<String, Double> scores = new ConcurrentHashMap<>();
  private final Map<String, String> revisionOfExecution = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

  @BeforeAll
  void startKayenta() throws IOException {
    kayenta = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    kayenta.createContext("/canaryConfig", exchange -> answer(exchange, 200,
        "[{\"id\":\"" + CONFIG_ID + "\",\"name\":\"checkout\",\"applications\":[\"shop\"]}]"));
    kayenta.createContext("/canary/", this::canary);
    kayenta.start();
    createTemplate();
  }

  @AfterAll
  void stopKayenta() {
    kayenta.stop(0);
  }

  @Test
  void aMarginalScorePausesTheRolloutAsAnInconclusiveAnalysis() {
    cluster.create(rollout("kayenta-marginal"));
    cluster.awaitPhase("kayenta-marginal", "Healthy");

    cluster.setImage("kayenta-marginal", "demo:v2");
    String v2 = cluster.await("kayenta-marginal", "v2 updated",
        r -> !r.getStatus().updatedRevision.equals(r.getStatus().stableRevision))
        .getStatus().updatedRevision;
    scores.put(v2, 80.0);

    Rollout paused = cluster.await("kayenta-marginal", "paused inconclusive",
        r -> "Paused".equals(r.getStatus().phase) && r.getStatus().pauseConditions != null
            && r.getStatus().pauseConditions.stream()
                .anyMatch(p -> p.reason.equals("InconclusiveAnalysis")));
    assertThat(paused.getStatus().stableRevision).isNotEqualTo(v2);
    assertThat(measurement("kayenta-marginal-" + v2 + "-1")).satisfies(m -> {
      assertThat(m.phase).isEqualTo("Inconclusive");
      assertThat(m.value).isEqualTo("80");
      assertThat(m.message).endsWith(" 80 (pass 90, marginal 75)");
    });
  }

  @Test
  void aPassingScorePromotesTheCanaryAfterKayentaHasJudged() {
    cluster.create(rollout("kayenta-pass"));
    cluster.awaitPhase("kayenta-pass", "Healthy");

    cluster.setImage("kayenta-pass", "demo:v2");
    String v2 = cluster.await("kayenta-pass", "v2 updated",
        r -> !r.getStatus().updatedRevision.equals(r.getStatus().stableRevision))
        .getStatus().updatedRevision;
    scores.put(v2, 97.0);

    cluster.await("kayenta-pass", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && v2.equals(r.getStatus().stableRevision));
    assertThat(measurement("kayenta-pass-" + v2 + "-1")).satisfies(m -> {
      assertThat(m.phase).isEqualTo("Successful");
      assertThat(m.value).isEqualTo("97");
    });
  }

  private Measurement measurement(String run) {
    AnalysisRun analysis = cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .withName(run).get();
    return analysis.getStatus().metricResults.get(0).measurements.get(0);
  }

  private static Rollout rollout(String name) {
    return Rollouts.canary(name, 2, "demo:v1", weight(50),
        CanaryStep.analysis(SecretAnalysis.analysis(TEMPLATE)), weight(100));
  }

  /** Kayenta's metric as Argo Rollouts' documentation writes it, the revision as experiment. */
  private void createTemplate() {
    KayentaMetric kayentaMetric = new KayentaMetric();
    kayentaMetric.address = "http://127.0.0.1:" + kayenta.getAddress().getPort();
    kayentaMetric.application = "shop";
    kayentaMetric.canaryConfigName = "checkout";
    kayentaMetric.metricsAccountName = "prometheus";
    kayentaMetric.configurationAccountName = "configs";
    kayentaMetric.storageAccountName = "results";
    kayentaMetric.threshold = new KayentaMetric.Threshold();
    kayentaMetric.threshold.pass = 90;
    kayentaMetric.threshold.marginal = 75;
    KayentaMetric.Scope scope = new KayentaMetric.Scope();
    scope.name = "default";
    scope.controlScope = new KayentaMetric.ScopeDetail();
    scope.controlScope.scope = "revision=stable";
    scope.experimentScope = new KayentaMetric.ScopeDetail();
    scope.experimentScope.scope = "{{args.revision}}";
    kayentaMetric.scopes = List.of(scope);
    Metric metric = new Metric();
    metric.name = "kayenta";
    metric.provider = new MetricProvider();
    metric.provider.kayenta = kayentaMetric;
    cluster.client.resources(AnalysisTemplate.class).resource(Templates.of(TEMPLATE, metric,
        new Argument("revision", null))).create();
  }

  private void canary(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring("/canary/".length());
    if (exchange.getRequestMethod().equals("POST") && id.equals(CONFIG_ID)) {
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String execution = "exec-" + (revisionOfExecution.size() + 1);
      revisionOfExecution.put(execution, request.path("scopes").path("default")
          .path("experimentScope").path("scope").asText());
      answer(exchange, 200, "{\"canaryExecutionId\":\"" + execution + "\"}");
      return;
    }
    String revision = revisionOfExecution.get(id);
    if (revision == null) {
      answer(exchange, 404, "{\"status\":404,\"message\":\"no execution " + id + "\"}");
      return;
    }
    Double score = scores.get(revision);
    boolean first = polls.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet() == 1;
    answer(exchange, 200, first || score == null ? "{\"complete\":false,\"status\":\"running\"}"
        : "{\"complete\":true,\"status\":\"succeeded\",\"result\":{\"judgeResult\":{\"score\":"
            + "{\"score\":" + score + "}}}}");
  }

  private static void answer(HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
