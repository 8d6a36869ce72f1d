package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the real operator: a canary judged by Ramp's judge (its counters from a
 * {@link StatsServer}) is promoted only once the judge accepts it, and a failed verdict after
 * full promotion, while the previous ReplicaSet is still up, sends everything back to it.
 */
class PromotionWaitsForTheJudgeTest extends ClusterTest {
  private StatsServer stats;

  @BeforeAll
  void start() {
    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
    stats = new StatsServer();
    JudgeAnalysis.install(cluster, stats);
  }

  @AfterAll
  void stop() {
    stats.close();
  }

  @Test
  void theCanaryIsPromotedOnlyOnceTheJudgeAccepts() {
    String name = "gate";
    String v1 = deploy(name, 2);
    stats.errorRate(v1, 0.01);
    cluster.setImage(name, "demo:v2");
    String v2 = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    stats.errorRate(v2, 0);

    // the one-second pause is over long before the judge has the 1,000 requests it needs
    Rollout holding = cluster.await(name, "holding for the judge",
        r -> r.getStatus().message != null
            && r.getStatus().message.startsWith("Waiting for the judge at 50%"));
    assertThat(holding.getStatus().phase).isEqualTo("Progressing");
    assertThat(holding.getStatus().stableRevision).isEqualTo(v1);
    assertThat(latestMeasurement(name, v2)).isNotEqualTo("Successful");

    Rollout promoted = cluster.await(name, "promoted",
        r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRevision));

    assertThat(latestMeasurement(name, v2)).isEqualTo("Successful");
    assertThat(cluster.pinnedHash(name + "-stable")).isEqualTo(v2);
    assertThat(promoted.getStatus().canary.rollbackRevision).isEqualTo(v1);
    cluster.eventually(() -> assertThat(cluster.eventReasons(name)).containsSubsequence(
        "AwaitingAcceptance", "JudgeAccepted", "RolloutCompleted"));
  }

  @Test
  void aFailedVerdictAfterPromotionSendsTrafficAndReplicasBackToThePreviousReplicaSet() {
    String name = "guard";
    String v1 = deploy(name, 600);
    stats.errorRate(v1, 0.01);
    cluster.setImage(name, "demo:v2");
    String v2 = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    stats.errorRate(v2, 0);
    cluster.await(name, "promoted",
        r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRevision));
    assertThat(cluster.replicas(name, v1)).as("kept for scaleDownDelaySeconds").isEqualTo(4);

    // the test's counters go on counting both revisions, so the judge keeps deciding
    stats.errorRate(v2, 0.5);
    Rollout back = cluster.awaitPhase(name, "Aborted");

    assertThat(back.getStatus().stableRevision).isEqualTo(v1);
    assertThat(back.getStatus().message)
        .startsWith("Rollout aborted: the judge failed revision " + v2 + " after its promotion")
        .endsWith("All traffic and replicas are back on stable revision " + v1);
    cluster.await(name, "traffic back on " + v1,
        r -> v1.equals(cluster.pinnedHash(name + "-stable")) && canaryWeight(name) == 0);
    assertThat(cluster.replicas(name, v1)).isEqualTo(4);
    cluster.eventually(() -> assertThat(cluster.eventReasons(name))
        .containsSubsequence("RolloutCompleted", "AnalysisRunFailed", "RolloutAborted"));
  }

  /**
   * Creates a judged canary behind an HTTPRoute (50% until a one-second pause ends) and waits
   * for its first revision; that revision.
   */
  private String deploy(String name, int scaleDownDelaySeconds) {
    cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder().withNewMetadata().withName(name).withNamespace(Cluster.NS)
            .endMetadata().withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule().addNewBackendRef().withName(name + "-stable").withPort(80)
            .endBackendRef().endRule().endSpec().build()).create();
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = name;
    Rollout manifest = Routes.routed(cluster, name, routing, weight(50), pause("1s"));
    RolloutAnalysis judge = new RolloutAnalysis();
    judge.templates = List.of(new RolloutAnalysis.TemplateRef(JudgeAnalysis.TEMPLATE));
    judge.args = List.of(SecretAnalysis.statusField("canary", "status.updatedRevision"),
        SecretAnalysis.statusField("stable", "status.stableRevision"));
    manifest.getSpec().strategy.canary.analysis = judge;
    manifest.getSpec().strategy.canary.scaleDownDelaySeconds = scaleDownDelaySeconds;
    cluster.create(manifest);
    return cluster.awaitPhase(name, "Healthy").getStatus().stableRevision;
  }

  private int canaryWeight(String name) {
    HTTPRoute route = cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS)
        .withName(name).get();
    return route.getSpec().getRules().get(0).getBackendRefs().stream()
        .filter(ref -> ref.getName().equals(name + "-canary"))
        .mapToInt(ref -> ref.getWeight() == null ? 1 : ref.getWeight()).sum();
  }

  /** The phase of the judge's latest measurement of the revision, or null before the first. */
  private String latestMeasurement(String rollout, String revision) {
    AnalysisRun run = cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .withName(rollout + "-" + revision + "-background").get();
    if (run == null || run.getStatus() == null || run.getStatus().metricResults == null) {
      return null;
    }
    List<Measurement> measurements = run.getStatus().metricResults.get(0).measurements;
    return measurements == null || measurements.isEmpty() ? null
        : measurements.get(measurements.size() - 1).phase;
  }
}
