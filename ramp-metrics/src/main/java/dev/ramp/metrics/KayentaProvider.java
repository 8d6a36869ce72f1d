package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.analysis.KayentaMetric;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A canary judgement delegated to Kayenta, as Argo Rollouts runs it: {@link #measure} finds the
 * canary config's ID by its name ({@code GET /canaryConfig}), starts a canary execution with the
 * scopes and thresholds ({@code POST /canary/<configId>}) and leaves the measurement running
 * with the execution's ID; each {@link #resume} asks once ({@code GET /canary/<executionId>}),
 * so the reconciler never waits for Kayenta's judgement, until Kayenta completes it. The score
 * then decides: at least {@code threshold.pass} is Successful, at least
 * {@code threshold.marginal} Inconclusive, below Failed.
 */
public final class KayentaProvider implements MetricProvider {
  /** The key of a running measurement's metadata that holds Kayenta's execution ID (Argo's). */
  public static final String EXECUTION_ID = "canaryExecutionId";
  /** Argo Rollouts' HTTP timeout for Kayenta. */
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  private static final String CREDENTIAL = "a request without credentials";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  public KayentaProvider(HttpClient http) {
    this.http = http;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    KayentaMetric metric = request.metric().provider.kayenta;
    try {
      Kayenta kayenta = new Kayenta(metric);
      thresholds(metric);
      String configId = kayenta.configId();
      JsonNode started = kayenta.call(HttpRequest.newBuilder(kayenta.uri("/canary/"
          + encode(configId), "application", metric.application,
          "metricsAccountName", metric.metricsAccountName,
          "configurationAccountName", metric.configurationAccountName,
          "storageAccountName", metric.storageAccountName))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(executionRequest(metric))));
      String executionId = started.path(EXECUTION_ID).asText("");
      if (executionId.isBlank()) {
        throw new MeasurementException(kayenta.server + " started no canary execution: its"
            + " answer has no " + EXECUTION_ID + ": " + HttpCall.excerpt(started.toString(),
                List.of()));
      }
      return MeasurementResult.running(Map.of(EXECUTION_ID, executionId));
    } catch (MeasurementException e) {
      return MeasurementResult.error(e.getMessage());
    }
  }

  @Override
  public MeasurementResult resume(MeasurementRequest request, Map<String, String> metadata) {
    KayentaMetric metric = request.metric().provider.kayenta;
    String executionId = metadata.get(EXECUTION_ID);
    if (executionId == null) {
      return MeasurementResult.error("the measurement has no Kayenta canary execution to"
          + " follow");
    }
    try {
      Kayenta kayenta = new Kayenta(metric);
      JsonNode status = kayenta.call(HttpRequest.newBuilder(
          kayenta.uri("/canary/" + encode(executionId))).GET());
      String execution = "canary execution " + executionId;
      if (!status.path("complete").isBoolean()) {
        throw new MeasurementException(kayenta.server + " answered for " + execution
            + " without saying whether it is complete: " + excerpt(status));
      }
      if (!status.path("complete").asBoolean()) {
        return MeasurementResult.running(metadata);
      }
      JsonNode score = status.path("result").path("judgeResult").path("score").path("score");
      if (!score.isNumber()) {
        throw new MeasurementException(execution + " ended " + status.path("status")
            .asText("without a status") + " without a score: " + excerpt(status));
      }
      return judged(metric, execution, score.asDouble());
    } catch (MeasurementException e) {
      return MeasurementResult.error(e.getMessage());
    }
  }

  private static MeasurementResult judged(KayentaMetric metric, String execution,
      double score) {
    int pass = metric.threshold.pass;
    int marginal = metric.threshold.marginal;
    String scored = "Kayenta scored " + execution + " "
        + BigDecimal.valueOf(score).stripTrailingZeros().toPlainString() + " (pass "
        + pass + ", marginal " + marginal + ")";
    MeasurementResult.Verdict verdict = score >= pass ? MeasurementResult.Verdict.SUCCESSFUL
        : score >= marginal ? MeasurementResult.Verdict.INCONCLUSIVE
        : MeasurementResult.Verdict.FAILED;
    return MeasurementResult.judged(verdict, score, scored);
  }

  private static void thresholds(KayentaMetric metric) throws MeasurementException {
    if (metric.threshold == null || metric.threshold.pass == null
        || metric.threshold.marginal == null) {
      throw new MeasurementException("threshold needs pass and marginal, the lowest scores"
          + " that pass and that are marginal");
    }
    if (metric.threshold.marginal > metric.threshold.pass) {
      throw new MeasurementException("threshold.marginal (" + metric.threshold.marginal
          + ") is above threshold.pass (" + metric.threshold.pass + ")");
    }
  }

  /** Kayenta's CanaryExecutionRequest: the scopes by name, and the thresholds. */
  private static String executionRequest(KayentaMetric metric) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode scopes = body.putObject("scopes");
    for (KayentaMetric.Scope scope : metric.scopes == null ? List.<KayentaMetric.Scope>of()
        : metric.scopes) {
      ObjectNode pair = scopes.putObject(scope.name);
      pair.set("controlScope", JSON.valueToTree(scope.controlScope));
      pair.set("experimentScope", JSON.valueToTree(scope.experimentScope));
    }
    body.putObject("thresholds").put("pass", metric.threshold.pass)
        .put("marginal", metric.threshold.marginal);
    return body.toString();
  }

  private static String excerpt(JsonNode answer) {
    return HttpCall.excerpt(answer.toString(), List.of());
  }

  private static String encode(String value) {
    return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** One Kayenta server: its address, how messages name it, and a JSON request to it. */
  private final class Kayenta {
    private final KayentaMetric metric;
    private final URI address;
    private final String server;
    private final Duration timeout;

    Kayenta(KayentaMetric metric) throws MeasurementException {
      this.metric = metric;
      this.address = HttpCall.uri(metric.address, "the Kayenta address");
      this.server = "Kayenta at " + HttpCall.describe(address);
      this.timeout = Timeouts.parse(metric.timeout, DEFAULT_TIMEOUT);
    }

    /** The URL of {@code path} with the query parameters given as name, value, name, ... */
    URI uri(String path, String... parameters) {
      List<String> query = new ArrayList<>();
      for (int i = 0; i < parameters.length; i += 2) {
        query.add(parameters[i] + "=" + encode(parameters[i + 1]));
      }
      return URI.create(address.toString().replaceAll("/+$", "") + path
          + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    }

    /** The canary config's ID: Kayenta starts executions by ID, Argo's users name the config. */
    String configId() throws MeasurementException {
      JsonNode configs = call(HttpRequest.newBuilder(uri("/canaryConfig",
          "application", metric.application,
          "configurationAccountName", metric.configurationAccountName)).GET());
      if (!configs.isArray()) {
        throw new MeasurementException(server + " answered GET /canaryConfig with what is not"
            + " a list of canary configs: " + excerpt(configs));
      }
      List<String> names = new ArrayList<>();
      for (JsonNode config : configs) {
        if (config.path("name").asText().equals(metric.canaryConfigName)) {
          return config.path("id").asText();
        }
        names.add(config.path("name").asText());
      }
      throw new MeasurementException(server + " has no canary config named \""
          + metric.canaryConfigName + "\" for application " + metric.application + " in"
          + " account " + metric.configurationAccountName + (names.isEmpty() ? ""
              : " (it has " + String.join(", ", names) + ")"));
    }

    JsonNode call(HttpRequest.Builder request) throws MeasurementException {
      HttpResponse<String> answer = HttpCall.send(http, request
          .header("Accept", "application/json").build(), server, timeout);
      String path = answer.request().method() + " " + answer.request().uri().getRawPath();
      if (!HttpCall.isSuccess(answer)) {
        throw HttpCall.failure(answer, server + " (" + path + ")", CREDENTIAL, List.of());
      }
      try {
        JsonNode json = JSON.readTree(answer.body());
        if (json != null && !json.isMissingNode()) {
          return json;
        }
      } catch (JsonProcessingException e) {
        // told below
      }
      throw new MeasurementException(server + " answered " + path + " with what is not"
            + " JSON: " + HttpCall.excerpt(answer.body(), List.of()));
    }
  }
}
