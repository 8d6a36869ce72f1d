package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.controller.badinput.Schemas;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An AnalysisTemplate written as Argo Rollouts' own analysis tests write one (count, interval,
 * initialDelay, failureLimit and inconclusiveLimit all {@code {{args.*}}}, the URL's token from a
 * Secret), with only its apiVersion changed, run by the operator with the values a Rollout's
 * analysis step gives.
 */
class ArgoAnalysisArgumentsTest extends ClusterTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String TEMPLATE = """
      kind: AnalysisTemplate
      apiVersion: ramp.dev/v1alpha1
      metadata:
        name: analysis-secret-args
      spec:
        args:
        - name: analysis-interval
          value: "100s"
        - name: analysis-runs
          value: "10"
        - name: failure-limit
        - name: inconclusive-limit
        - name: revision
        - name: token
          valueFrom:
            secretKeyRef:
              name: example-secret
              key: token
        metrics:
        - name: webmetric
          count: "{{args.analysis-runs}}"
          interval: "{{args.analysis-interval}}"
          initialDelay: "{{args.analysis-interval}}"
          failureLimit: "{{args.failure-limit}}"
          inconclusiveLimit: "{{args.inconclusive-limit}}"
          successCondition: result < 0.05
          failureCondition: result >= 0.1
          provider:
            web:
              url: "STATS/errors/{{args.revision}}"
              headers:
              - key: Authorization
                value: "Bearer {{args.token}}"
              jsonPath: "{$.errorRate}"
      """;

  /** The analysis step as Argo's test gives it, the revision read from the rollout. */
  private static final String STEP = """
      analysis:
        templates:
        - templateName: analysis-secret-args
        args:
        - name: failure-limit
          value: "2"
        - name: analysis-interval
          value: "1s"
        - name: analysis-runs
          value: "3"
        - name: inconclusive-limit
          value: "2"
        - name: revision
          valueFrom:
            fieldRef:
              fieldPath: status.updatedRevision
      """;

  private final Schemas schemas = new Schemas();
  private StatsServer stats;

  @BeforeAll
  void installTemplate() {
    stats = new StatsServer();
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("example-secret").withNamespace(Cluster.NS).endMetadata()
        .addToStringData("token", StatsServer.TOKEN).build()).create();
    String template = TEMPLATE.replace("STATS", stats.url());
    assertThat(schemas.problems(SERIALIZATION.unmarshal(template, JsonNode.class)))
        .as("the CRD schema's verdict").isEmpty();
    cluster.client.resources(AnalysisTemplate.class).inNamespace(Cluster.NS)
        .resource(SERIALIZATION.unmarshal(template, AnalysisTemplate.class)).create();
  }

  @AfterAll
  void stopStats() {
    stats.close();
  }

  /** A canary of 2 replicas whose second step is Argo's analysis step, then a pause. */
  private Rollout rollout(String name) {
    return Rollouts.canary(name, 2, "demo:v1", weight(25),
        SERIALIZATION.unmarshal(STEP, CanaryStep.class), pause(null));
  }

  private AnalysisRun run(String name) {
    return cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS).withName(name)
        .get();
  }

  @Test
  void theStepTakesTheCountItWasGivenAtTheIntervalItWasGivenAfterTheDelayItWasGiven() {
    stats.defaultErrorRate(0.01);
    cluster.create(rollout("argo-args-ok"));
    cluster.awaitPhase("argo-args-ok", "Healthy");

    cluster.setImage("argo-args-ok", "demo:v2");

    Rollout paused = cluster.awaitStep("argo-args-ok", 2, "Paused");
    AnalysisRun run = run("argo-args-ok-" + paused.getStatus().updatedRevision + "-1");
    assertThat(run.getStatus().phase).isEqualTo("Successful");
    MetricResult result = run.getStatus().metricResults.get(0);
    assertThat(result.count).as("count \"{{args.analysis-runs}}\" = \"3\"").isEqualTo(3);
    assertThat(result.successful).isEqualTo(3);
    Instant started = Instant.parse(run.getStatus().startedAt);
    assertThat(result.measurements).extracting(m -> Instant.parse(m.startedAt))
        .as("initialDelay and interval \"{{args.analysis-interval}}\" = \"1s\", not 100s")
        .allSatisfy(at -> assertThat(at).isBetween(started.plusSeconds(1),
            started.plusSeconds(60)));
    for (int i = 1; i < result.measurements.size(); i++) {
      Measurement previous = result.measurements.get(i - 1);
      assertThat(Duration.between(Instant.parse(previous.finishedAt),
          Instant.parse(result.measurements.get(i).startedAt)))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void theFailureLimitItWasGivenToleratesTwoFailuresAndTheThirdAbortsTheRollout() {
    stats.defaultErrorRate(0.01);
    cluster.create(rollout("argo-args-bad"));
    cluster.awaitPhase("argo-args-bad", "Healthy");
    stats.defaultErrorRate(0.2);

    cluster.setImage("argo-args-bad", "demo:v2");

    Rollout aborted = cluster.awaitPhase("argo-args-bad", "Aborted");
    AnalysisRun run = run("argo-args-bad-" + aborted.getStatus().updatedRevision + "-1");
    assertThat(run.getStatus().phase).isEqualTo("Failed");
    assertThat(run.getStatus().metricResults.get(0).failed)
        .as("failureLimit \"{{args.failure-limit}}\" = \"2\" tolerates two").isEqualTo(3);
    assertThat(aborted.getStatus().message).contains("metric webmetric failed: value 0.2");
  }

  @Test
  void aRunWhoseArgumentIsNotAWholeNumberEndsInErrorSayingWhich() {
    String yaml = """
        apiVersion: ramp.dev/v1alpha1
        kind: AnalysisRun
        metadata: {name: args-not-a-number, namespace: default}
        spec:
          args:
          - name: failure-limit
            value: two
          metrics:
          - name: webmetric
            failureLimit: "{{args.failure-limit}}"
            successCondition: result < 0.05
            provider:
              web:
                url: STATS/errors/v1
        """.replace("STATS", stats.url());
    cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .resource(SERIALIZATION.unmarshal(yaml, AnalysisRun.class)).create();

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
      AnalysisRun run = run("args-not-a-number");
      return run.getStatus() != null && "Error".equals(run.getStatus().phase);
    });

    AnalysisRun run = run("args-not-a-number");
    assertThat(run.getStatus().message).isEqualTo("metric webmetric: failureLimit is"
        + " \"{{args.failure-limit}}\" = \"two\", not a whole number");
    assertThat(run.getStatus().metricResults).isNullOrEmpty();
    cluster.eventually(() -> assertThat(cluster.events("args-not-a-number")).singleElement()
        .satisfies(event -> {
          assertThat(event.getType()).isEqualTo("Warning");
          assertThat(event.getReason()).isEqualTo("AnalysisRunError");
          assertThat(event.getMessage()).isEqualTo(run.getStatus().message);
        }));
  }
}
