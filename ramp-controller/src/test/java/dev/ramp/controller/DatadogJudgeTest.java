package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.DatadogMetric;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ramp's judge reading its counters from Datadog ({@link DatadogCounts}) through the real
 * operator, with the keys in a Secret named by {@code secretRef}: a canary as good as the stable
 * is accepted, one failing five times as often is sent back.
 */
class DatadogJudgeTest extends ClusterTest {
  private static final String TEMPLATE = "datadog-judge";

  private DatadogCounts datadog;

  @BeforeAll
  void startDatadog() {
    datadog = new DatadogCounts();
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("dd-keys").withNamespace(Cluster.NS).endMetadata()
        .addToStringData("api-key", DatadogCounts.API_KEY)
        .addToStringData("app-key", DatadogCounts.APP_KEY)
        .addToStringData("address", datadog.address()).build()).create();
    cluster.client.resources(AnalysisTemplate.class).resource(template()).create();
  }

  @AfterAll
  void stopDatadog() {
    datadog.close();
  }

  @Test
  void aCanaryAsGoodAsTheStableIsAccepted() {
    String v2 = release("dd-healthy", 0.01);

    cluster.await("dd-healthy", "the judge accepts", r -> measurementPhases("dd-healthy", v2)
        .contains("Successful"));
    assertThat(measurementPhases("dd-healthy", v2)).doesNotContain("Failed", "Error");
    assertThat(cluster.rollout("dd-healthy").getStatus().phase).isNotEqualTo("Aborted");
  }

  @Test
  void aCanaryFailingFiveTimesAsOftenIsSentBack() {
    String v2 = release("dd-5x", 0.05);

    Rollout aborted = cluster.awaitPhase("dd-5x", "Aborted");

    assertThat(aborted.getStatus().message).contains("metric errors failed", "regression");
    assertThat(measurementPhases("dd-5x", v2)).endsWith("Failed").doesNotContain("Error");
  }

  /** Releases v2 of a new rollout whose stable fails 1% of requests; v2 fails {@code rate}. */
  private String release(String name, double rate) {
    cluster.create(JudgeAnalysis.guarded(name, TEMPLATE));
    datadog.errorRate(cluster.awaitPhase(name, "Healthy").getStatus().stableRevision, 0.01);
    cluster.setImage(name, "demo:v2");
    String v2 = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    datadog.errorRate(v2, rate);
    return v2;
  }

  private List<String> measurementPhases(String rollout, String revision) {
    AnalysisRun run = cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .withName(rollout + "-" + revision + "-background").get();
    if (run == null || run.getStatus() == null || run.getStatus().metricResults == null) {
      return List.of();
    }
    return run.getStatus().metricResults.get(0).measurements.stream().map(m -> m.phase)
        .toList();
  }

  /** The judge on Datadog counts, as a user writes it: queries with {{revision}}, a Secret. */
  private static AnalysisTemplate template() {
    CompareMetric compare = new CompareMetric();
    compare.canaryRevision = "{{args.canary}}";
    compare.stableRevision = "{{args.stable}}";
    compare.datadog = new CompareMetric.DatadogCounters();
    compare.datadog.apiVersion = "v2";
    compare.datadog.events = "sum:requests.errors{version:{{revision}}}.as_count()";
    compare.datadog.requests = "sum:requests{version:{{revision}}}.as_count()";
    compare.datadog.secretRef = new DatadogMetric.SecretRef();
    compare.datadog.secretRef.name = "dd-keys";
    Metric metric = new Metric();
    metric.name = "errors";
    metric.interval = new IntOrString("1s");
    metric.provider = new MetricProvider();
    metric.provider.compare = compare;
    AnalysisTemplate template = new AnalysisTemplate();
    template.setMetadata(new ObjectMetaBuilder().withName(TEMPLATE).withNamespace(Cluster.NS)
        .build());
    template.setSpec(new AnalysisTemplateSpec());
    template.getSpec().metrics = List.of(metric);
    template.getSpec().args = List.of(new Argument("canary", null),
        new Argument("stable", null));
    return template;
  }
}
