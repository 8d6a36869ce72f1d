package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.WavefrontMetric;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An analysis step measured from Wavefront ({@link WavefrontCharts}) through the real
 * operator, with a template written as for Argo Rollouts (address and query) and the token in
 * Secret wavefront-api-tokens, keyed by the address's host: a canary whose error rate is low is
 * promoted, one whose error rate is high is aborted with the value Wavefront gave.
 */
class WavefrontAnalysisTest extends ClusterTest {
  private static final String TEMPLATE = "wavefront-error-rate";

  private WavefrontCharts wavefront;

  @BeforeAll
  void startWavefront() {
    wavefront = new WavefrontCharts();
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("wavefront-api-tokens").withNamespace(Cluster.NS)
        .endMetadata().addToStringData("127.0.0.1", WavefrontCharts.TOKEN).build()).create();
    cluster.client.resources(AnalysisTemplate.class).resource(template()).create();
  }

  @AfterAll
  void stopWavefront() {
    wavefront.close();
  }

  @Test
  void aCanaryWithALowErrorRatePassesItsWavefrontAnalysisAndIsPromoted() {
    String v2 = release("wf-ok", 0.01);

    cluster.await("wf-ok", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && v2.equals(r.getStatus().stableRevision));
    AnalysisRun run = run("wf-ok-" + v2 + "-1");
    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(run.getStatus().metricResults.get(0).measurements).extracting(m -> m.value)
        .containsExactly("0.01");
    assertThat(wavefront.queries()).contains("sum(rate(ts(requests.errors, version=\"" + v2
        + "\"))) / sum(rate(ts(requests, version=\"" + v2 + "\")))");
    assertThat(cluster.client.getKubernetesSerialization().asJson(run))
        .doesNotContain(WavefrontCharts.TOKEN);
  }

  @Test
  void aCanaryWithAHighErrorRateIsAbortedWithWavefrontsValue() {
    String v2 = release("wf-bad", 0.2);

    Rollout aborted = cluster.awaitPhase("wf-bad", "Aborted");

    assertThat(aborted.getStatus().message).contains("metric error-rate failed: value 0.2");
    assertThat(run("wf-bad-" + v2 + "-1").getStatus().phase).isEqualTo("Failed");
  }

  /** Releases v2 of a new rollout with the Wavefront analysis step; v2 fails {@code rate}. */
  private String release(String name, double rate) {
    cluster.create(Rollouts.canary(name, 2, "demo:v1", weight(50),
        CanaryStep.analysis(SecretAnalysis.analysis(TEMPLATE)), weight(100)));
    String v1 = cluster.awaitPhase(name, "Healthy").getStatus().stableRevision;
    wavefront.errorRate(rate);
    cluster.setImage(name, "demo:v2");
    return cluster.await(name, "v2 created", r -> r.getStatus().updatedRevision != null
        && !r.getStatus().updatedRevision.equals(v1)).getStatus().updatedRevision;
  }

  private AnalysisRun run(String name) {
    return cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS).withName(name)
        .get();
  }

  /** An Argo Rollouts wavefront metric: below 5% errors passes, 10% or more fails. */
  private AnalysisTemplate template() {
    Metric metric = new Metric();
    metric.name = "error-rate";
    metric.successCondition = "result < 0.05";
    metric.failureCondition = "result >= 0.1";
    metric.provider = new MetricProvider();
    metric.provider.wavefront = new WavefrontMetric();
    metric.provider.wavefront.address = wavefront.address();
    metric.provider.wavefront.query = "sum(rate(ts(requests.errors,"
        + " version=\"{{args.revision}}\"))) / sum(rate(ts(requests,"
        + " version=\"{{args.revision}}\")))";
    return Templates.of(TEMPLATE, metric, new Argument("revision", null));
  }
}
