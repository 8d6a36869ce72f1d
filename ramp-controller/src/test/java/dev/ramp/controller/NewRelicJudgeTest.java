package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMetric;
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
 * Ramp's judge reading its counters from New Relic ({@link NewRelicCounts}) through the real
 * operator, with the key and account in the profile Secret the metric names: a canary as good
 * as the stable is accepted, one failing five times as often is sent back.
 */
class NewRelicJudgeTest extends ClusterTest {
  private static final String TEMPLATE = "newrelic-judge";

  private NewRelicCounts newRelic;

  @BeforeAll
  void startNewRelic() {
    newRelic = new NewRelicCounts();
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("nr-profile").withNamespace(Cluster.NS).endMetadata()
        .addToStringData("personal-api-key", NewRelicCounts.API_KEY)
        .addToStringData("account-id", String.valueOf(NewRelicCounts.ACCOUNT))
        .addToStringData("base-url-nerdgraph", newRelic.url()).build()).create();
    cluster.client.resources(AnalysisTemplate.class).resource(template()).create();
  }

  @AfterAll
  void stopNewRelic() {
    newRelic.close();
  }

  @Test
  void aCanaryAsGoodAsTheStableIsAccepted() {
    String v2 = release("nr-healthy", 0.01);

    cluster.await("nr-healthy", "the judge accepts", r -> measurementPhases("nr-healthy", v2)
        .contains("Successful"));
    assertThat(measurementPhases("nr-healthy", v2)).doesNotContain("Failed", "Error");
    assertThat(cluster.rollout("nr-healthy").getStatus().phase).isNotEqualTo("Aborted");
  }

  @Test
  void aCanaryFailingFiveTimesAsOftenIsSentBack() {
    String v2 = release("nr-5x", 0.05);

    Rollout aborted = cluster.awaitPhase("nr-5x", "Aborted");

    assertThat(aborted.getStatus().message).contains("metric errors failed", "regression");
    assertThat(measurementPhases("nr-5x", v2)).endsWith("Failed").doesNotContain("Error");
  }

  /** Releases v2 of a new rollout whose stable fails 1% of requests; v2 fails {@code rate}. */
  private String release(String name, double rate) {
    cluster.create(JudgeAnalysis.guarded(name, TEMPLATE));
    newRelic.errorRate(cluster.awaitPhase(name, "Healthy").getStatus().stableRevision, 0.01);
    cluster.setImage(name, "demo:v2");
    String v2 = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    newRelic.errorRate(v2, rate);
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

  /** The judge on New Relic counts, as a user writes it: NRQL with {{revision}}, a profile. */
  private static AnalysisTemplate template() {
    CompareMetric compare = new CompareMetric();
    compare.canaryRevision = "{{args.canary}}";
    compare.stableRevision = "{{args.stable}}";
    compare.newRelic = new CompareMetric.NewRelicCounters();
    compare.newRelic.events = "FROM Transaction SELECT count(*) WHERE error IS true AND"
        + " revision = '{{revision}}'";
    compare.newRelic.requests = "FROM Transaction SELECT count(*) WHERE revision ="
        + " '{{revision}}'";
    compare.newRelic.profile = "nr-profile";
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
