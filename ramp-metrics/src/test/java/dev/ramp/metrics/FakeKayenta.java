package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kayenta server on loopback, as its REST API defines it (spinnaker/kayenta, kayenta-web's
 * CanaryConfigController and CanaryController, shown by its Swagger UI):
 *
 * <ul>
 *   <li>{@code GET /canaryConfig?application&configurationAccountName} lists the account's
 *       canary configs of the application, each {@code {id, name, updatedTimestamp,
 *       updatedTimestampIso, applications}};
 *   <li>{@code POST /canary/<canaryConfigId>?application&metricsAccountName
 *       &configurationAccountName&storageAccountName} with a CanaryExecutionRequest
 *       {@code {scopes: {<name>: {controlScope, experimentScope}}, thresholds: {pass,
 *       marginal}}} starts an execution, answered {@code {"canaryExecutionId"}};
 *   <li>{@code GET /canary/<canaryExecutionId>} answers a CanaryExecutionStatusResponse:
 *       {@code {complete, status, result: {judgeResult: {score: {score, classification}}}}},
 *       or {@code exception} when it ended without one.
 * </ul>
 *
 * Errors are Spring Boot's shape, {@code {timestamp, status, error, message, path}}. Each
 * execution is answered as the test registered the experiment scope of its first scope, in
 * turn.
 */
final class FakeKayenta extends FakeApi<FakeKayenta.Answer, Long> {
  static final String APPLICATION = "checkout";
  static final String CONFIG_NAME = "checkout-canary";
  static final String CONFIG_ID = "b5c9a3e0-2f1d-4c1e-9a53-6f6d2b4d7e11";
  static final String CONFIG_ACCOUNT = "canary-configs";
  static final String METRICS_ACCOUNT = "prometheus";
  static final String STORAGE_ACCOUNT = "canary-results";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicInteger executions = new AtomicInteger();
  private final Map<String, String> scopeOfExecution = new ConcurrentHashMap<>();
  private final List<JsonNode> started = new CopyOnWriteArrayList<>();

  /** An answer, always JSON; status 0 means none: the server holds the request until closed. */
  record Answer(int status, String body, Map<String, String> headers) implements FakeApi.Reply {
    static Answer running() {
      return new Answer(200, "{\"application\":\"" + APPLICATION + "\",\"complete\":false,"
          + "\"status\":\"running\",\"stageStatus\":{\"fetchControl\":\"succeeded\","
          + "\"fetchExperiment\":\"running\",\"mixMetrics\":\"not_started\","
          + "\"judge\":\"not_started\"}}", Map.of());
    }

    static Answer scored(double score, String classification) {
      return new Answer(200, "{\"application\":\"" + APPLICATION + "\",\"complete\":true,"
          + "\"status\":\"succeeded\",\"result\":{\"judgeResult\":{\"judgeName\":"
          + "\"NetflixACAJudge-v1.0\",\"score\":{\"score\":" + score + ",\"classification\":\""
          + classification + "\",\"classificationReason\":\"\"}},\"canaryDuration\":\"PT1H\"}}",
          Map.of());
    }

    static Answer terminal(String error) {
      return new Answer(200, "{\"application\":\"" + APPLICATION + "\",\"complete\":true,"
          + "\"status\":\"terminal\",\"exception\":{\"details\":{\"error\":\"" + error
          + "\"}}}", Map.of());
    }

    @Override
    public String contentType() {
      return "application/json";
    }
  }

  FakeKayenta() throws IOException {
    serve(Map.of("/canaryConfig", this::configs, "/canary/", this::canary));
  }

  /** Answers the status of executions whose experiment scope is {@code scope} in turn. */
  void judge(String scope, Answer... inTurn) {
    answer(scope, inTurn);
  }

  /** How many times an execution of {@code scope} was asked about. */
  int polls(String scope) {
    return asked(scope).size();
  }

  /** The CanaryExecutionRequests that started executions. */
  List<JsonNode> started() {
    return started;
  }

  private void configs(HttpExchange exchange) throws IOException {
    Map<String, List<String>> query = FakeApi.parameters(exchange.getRequestURI().getRawQuery());
    if (!exchange.getRequestMethod().equals("GET")) {
      error(exchange, 405, "Method Not Allowed", "Request method not supported");
      return;
    }
    boolean theirs = List.of(CONFIG_ACCOUNT).equals(query.get("configurationAccountName"))
        && List.of(APPLICATION).equals(query.get("application"));
    LoopbackHttp.answer(exchange, 200, "application/json", !theirs ? "[]"
        : "[{\"id\":\"0e2d8c1a-0000-4000-8000-000000000001\",\"name\":\"payments-canary\","
            + "\"updatedTimestamp\":1765000000000,\"updatedTimestampIso\":"
            + "\"2025-12-06T05:46:40Z\",\"applications\":[\"" + APPLICATION + "\"]},"
            + "{\"id\":\"" + CONFIG_ID + "\",\"name\":\"" + CONFIG_NAME + "\","
            + "\"updatedTimestamp\":1765000000000,\"updatedTimestampIso\":"
            + "\"2025-12-06T05:46:40Z\",\"applications\":[\"" + APPLICATION + "\"]}]");
  }

  private void canary(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring("/canary/".length());
    if (exchange.getRequestMethod().equals("POST")) {
      start(exchange, id);
    } else if (exchange.getRequestMethod().equals("GET") && scopeOfExecution.containsKey(id)) {
      reply(exchange, scopeOfExecution.get(id), System.nanoTime(), Answer.running());
    } else {
      error(exchange, 404, "Not Found", "Unable to resolve canary execution id " + id);
    }
  }

  private void start(HttpExchange exchange, String configId) throws IOException {
    Map<String, List<String>> query = FakeApi.parameters(exchange.getRequestURI().getRawQuery());
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    JsonNode scopes = body.path("scopes");
    String wrong = !configId.equals(CONFIG_ID) ? "No canary config with id " + configId
        : !List.of(APPLICATION).equals(query.get("application")) ? "application is required"
        : !List.of(METRICS_ACCOUNT).equals(query.get("metricsAccountName"))
            ? "Unable to resolve account " + query.get("metricsAccountName")
        : !List.of(CONFIG_ACCOUNT).equals(query.get("configurationAccountName"))
            ? "Unable to resolve account " + query.get("configurationAccountName")
        : !List.of(STORAGE_ACCOUNT).equals(query.get("storageAccountName"))
            ? "Unable to resolve account " + query.get("storageAccountName")
        : !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
            .startsWith("application/json") ? "Content-Type is not application/json"
        : !scopes.isObject() || scopes.isEmpty() ? "scopes are required"
        : !body.path("thresholds").path("pass").isNumber()
            || !body.path("thresholds").path("marginal").isNumber()
            ? "thresholds pass and marginal are required" : null;
    if (wrong == null) {
      for (JsonNode pair : scopes) {
        for (String side : List.of("controlScope", "experimentScope")) {
          if (!pair.path(side).path("scope").isTextual() || !pair.path(side).path("start")
              .isTextual() || !pair.path(side).path("end").isTextual()) {
            wrong = side + " needs scope, start and end";
          }
        }
      }
    }
    if (wrong != null) {
      error(exchange, 400, "Bad Request", wrong);
      return;
    }
    started.add(body);
    String execution = "01JF" + executions.incrementAndGet();
    scopeOfExecution.put(execution, scopes.elements().next().path("experimentScope")
        .path("scope").asText());
    LoopbackHttp.answer(exchange, 200, "application/json",
        "{\"canaryExecutionId\":\"" + execution + "\"}");
  }

  private static void error(HttpExchange exchange, int status, String error, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode().put("timestamp", "2026-12-07T13:00:00.000+00:00")
        .put("status", status).put("error", error).put("message", message)
        .put("path", exchange.getRequestURI().getPath());
    LoopbackHttp.answer(exchange, status, "application/json", body.toString());
  }
}
