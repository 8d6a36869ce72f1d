package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMeasurement;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.metrics.LoopbackHttp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge measures once an hour while the rollout moves the canary from 20% to 50% to 80%
 * of the requests: it still reads the counters at each weight change, so each batch it judges
 * (one measurement's worth, in the AnalysisRun's status) was served under one weight.
 */
class WeightChangeBatchTest extends ClusterTest {
  private static final String NAME = "wb";
  private static final int REQUESTS = 1_000;

  /** Each revision's requests and errors, as a metrics store counts them; served by the test. */
  private final Map<String, long[]> counts = new ConcurrentHashMap<>();
  private HttpServer server;

  @BeforeAll
  void start() {
    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
    server = LoopbackHttp.serving(Map.of("/counts/", exchange -> {
      String revision = exchange.getRequestURI().getPath().substring("/counts/".length());
      long[] total = counts.getOrDefault(revision, new long[2]);
      LoopbackHttp.answer(exchange, 200, "application/json",
          "{\"requests\": " + total[0] + ", \"errors\": " + total[1] + "}");
    }));
    CompareMetric compare = new CompareMetric();
    compare.canaryRevision = "{{args.canary}}";
    compare.stableRevision = "{{args.stable}}";
    compare.web = new CompareMetric.WebCounters();
    compare.web.url = LoopbackHttp.url(server) + "/counts/{{revision}}";
    compare.web.eventsPath = "$.errors";
    compare.web.requestsPath = "$.requests";
    Metric metric = new Metric();
    metric.name = "errors";
    metric.interval = new IntOrString("1h");
    metric.provider = new MetricProvider();
    metric.provider.compare = compare;
    cluster.client.resources(AnalysisTemplate.class).resource(Templates.of("hourly-judge",
        metric, new Argument("canary", null), new Argument("stable", null))).create();
  }

  @AfterAll
  void stop() {
    server.stop(0);
  }

  @Test
  void eachBatchTheJudgeTakesInIsServedUnderOneWeight() {
    cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder().withNewMetadata().withName(NAME).withNamespace(Cluster.NS)
            .endMetadata().withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule().addNewBackendRef().withName(NAME + "-stable").withPort(80)
            .endBackendRef().endRule().endSpec().build()).create();
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = NAME;
    Rollout manifest = Routes.routed(cluster, NAME, routing, weight(20), pause(null), weight(50),
        pause(null), weight(80), pause(null));
    RolloutAnalysis judge = new RolloutAnalysis();
    judge.templates = List.of(new RolloutAnalysis.TemplateRef("hourly-judge"));
    judge.args = List.of(SecretAnalysis.statusField("canary", "status.updatedRevision"),
        SecretAnalysis.statusField("stable", "status.stableRevision"));
    manifest.getSpec().strategy.canary.analysis = judge;
    cluster.create(manifest);
    String stable = cluster.awaitPhase(NAME, "Healthy").getStatus().stableRevision;
    cluster.setImage(NAME, "demo:v2");
    String canary = cluster.awaitStep(NAME, 1, "Paused").getStatus().updatedRevision;
    String run = NAME + "-" + canary + "-background";
    awaitReadingAt(run, 20);

    serve(stable, canary);
    cluster.patchStatus(NAME, "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep(NAME, 3, "Paused");
    awaitReadingAt(run, 50);
    serve(stable, canary);
    cluster.patchStatus(NAME, "{\"status\":{\"pauseConditions\":null}}");
    cluster.awaitStep(NAME, 5, "Paused");
    awaitReadingAt(run, 80);

    // each reading closes a batch: what the counters grew by since the one before
    List<Measurement> readings = measurements(run);
    List<String> batches = new ArrayList<>();
    for (int i = 1; i < readings.size(); i++) {
      CompareMeasurement before = readings.get(i - 1).compare;
      CompareMeasurement after = readings.get(i).compare;
      long toCanary = after.canaryRequests - before.canaryRequests;
      long toStable = after.stableRequests - before.stableRequests;
      if (toCanary + toStable > 0) {
        batches.add(toCanary + " of " + (toCanary + toStable) + " requests to the canary at"
            + " weight " + after.canaryWeight);
      }
    }
    assertThat(batches).containsExactly("200 of 1000 requests to the canary at weight 20",
        "500 of 1000 requests to the canary at weight 50");
  }

  /** {@value #REQUESTS} requests, split as the route says now, 1% of them failing. */
  private void serve(String stable, String canary) {
    HTTPRoute route = cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS)
        .withName(NAME).get();
    Map<String, Integer> weights = new HashMap<>();
    for (HTTPBackendRef ref : route.getSpec().getRules().get(0).getBackendRefs()) {
      weights.put(ref.getName(), ref.getWeight() == null ? 1 : ref.getWeight());
    }
    int canaryWeight = weights.getOrDefault(NAME + "-canary", 0);
    int total = canaryWeight + weights.getOrDefault(NAME + "-stable", 0);
    long toCanary = (long) REQUESTS * canaryWeight / total;
    add(canary, toCanary);
    add(stable, REQUESTS - toCanary);
  }

  private void add(String revision, long requests) {
    counts.merge(revision, new long[] {requests, requests / 100},
        (sum, more) -> new long[] {sum[0] + more[0], sum[1] + more[1]});
  }

  /**
   * Waits until the run has read the counters under {@code weight} (told of it by the rollout,
   * after the route has it); the number of readings so far.
   */
  private int awaitReadingAt(String run, int weight) {
    cluster.await(NAME, "a reading at weight " + weight, r -> {
      AnalysisRun current = analysisRun(run);
      return current != null && !measurements(run).isEmpty()
          && Integer.valueOf(weight).equals(
              current.getStatus().metricResults.get(0).compare.canaryWeight);
    });
    return measurements(run).size();
  }

  private AnalysisRun analysisRun(String name) {
    return cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS).withName(name)
        .get();
  }

  private List<Measurement> measurements(String run) {
    AnalysisRun current = analysisRun(run);
    if (current == null || current.getStatus() == null
        || current.getStatus().metricResults == null) {
      return List.of();
    }
    return current.getStatus().metricResults.get(0).measurements;
  }
}
