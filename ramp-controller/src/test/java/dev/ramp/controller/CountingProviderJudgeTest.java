package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ramp's judge reading its counters from a provider (a real server, or a local fake of a hosted
 * API) through the real operator, with the credentials in a Secret: a canary as good as the
 * stable is accepted, one failing five times as often is sent back. One subclass per provider.
 */
abstract class CountingProviderJudgeTest extends ClusterTest {
  /** A provider's API counting requests and errors per revision at the rates a test sets. */
  interface Counts extends AutoCloseable {
    void errorRate(String revision, double rate);

    @Override
    void close();
  }

  private Counts counts;

  /** Starts the provider's fake. */
  abstract Counts startCounts();

  /**
   * The Secret the counters read their credentials from (and the fake's address); none when
   * empty.
   */
  abstract Map<String, String> secret(Counts counts);

  /** Sets the provider's counters on {@code compare}, their Secret named {@code secret}. */
  abstract void counters(CompareMetric compare, String secret);

  /** A short name for the provider, to name the test's objects. */
  abstract String name();

  /** How a verdict names what the provider counts. */
  String events() {
    return "canary event rate ";
  }

  @BeforeAll
  void startTheProvider() {
    counts = startCounts();
    if (!secret(counts).isEmpty()) {
      cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
          .withNewMetadata().withName(name() + "-credentials").withNamespace(Cluster.NS)
          .endMetadata().addToStringData(secret(counts)).build()).create();
    }
    cluster.client.resources(AnalysisTemplate.class).resource(template()).create();
  }

  @AfterAll
  void stopTheProvider() {
    if (counts != null) {
      counts.close();
    }
  }

  @Test
  void aCanaryAsGoodAsTheStableIsAccepted() {
    String rollout = name() + "-healthy";
    String v2 = release(rollout, 0.01);

    cluster.await(rollout, "the judge accepts", r -> measurementPhases(rollout, v2)
        .contains("Successful"));
    assertThat(measurementPhases(rollout, v2)).as(messages(rollout, v2))
        .doesNotContain("Failed", "Error");
    Measurement accepted = first(rollout, v2, "Successful");
    assertThat(accepted.message).contains("acceptable");
    assertThat(Double.parseDouble(accepted.compare.ratioUpper)).isLessThanOrEqualTo(1.5);
    assertThat(cluster.rollout(rollout).getStatus().phase).isNotEqualTo("Aborted");
  }

  @Test
  void aCanaryFailingFiveTimesAsOftenIsSentBack() {
    String rollout = name() + "-5x";
    String v2 = release(rollout, 0.05);

    Rollout aborted = cluster.awaitPhase(rollout, "Aborted");

    assertThat(aborted.getStatus().message).contains("metric errors failed", "regression");
    assertThat(measurementPhases(rollout, v2)).as(messages(rollout, v2)).endsWith("Failed")
        .doesNotContain("Error");
    assertThat(Double.parseDouble(first(rollout, v2, "Failed").compare.ratio)).isGreaterThan(1);
    assertThat(first(rollout, v2, "Failed").message).startsWith(events());
  }

  /** Releases v2 of a new rollout whose stable fails 1% of requests; v2 fails {@code rate}. */
  private String release(String name, double rate) {
    cluster.create(JudgeAnalysis.guarded(name, template().getMetadata().getName()));
    counts.errorRate(cluster.awaitPhase(name, "Healthy").getStatus().stableRevision, 0.01);
    cluster.setImage(name, "demo:v2");
    String v2 = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    counts.errorRate(v2, rate);
    return v2;
  }

  private List<String> measurementPhases(String rollout, String revision) {
    return measurements(rollout, revision).stream().map(m -> m.phase).toList();
  }

  /** What each measurement said, for a failing assertion to show. */
  private String messages(String rollout, String revision) {
    return measurements(rollout, revision).stream().map(m -> m.phase + ": " + m.message)
        .toList().toString();
  }

  private Measurement first(String rollout, String revision, String phase) {
    return measurements(rollout, revision).stream().filter(m -> phase.equals(m.phase))
        .findFirst().orElseThrow();
  }

  private List<Measurement> measurements(String rollout, String revision) {
    AnalysisRun run = cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .withName(rollout + "-" + revision + "-background").get();
    if (run == null || run.getStatus() == null || run.getStatus().metricResults == null) {
      return List.of();
    }
    return run.getStatus().metricResults.get(0).measurements;
  }

  /** The judge on the provider's counts, as a user writes it: queries with {{revision}}. */
  private AnalysisTemplate template() {
    CompareMetric compare = new CompareMetric();
    compare.canaryRevision = "{{args.canary}}";
    compare.stableRevision = "{{args.stable}}";
    counters(compare, name() + "-credentials");
    Metric metric = new Metric();
    metric.name = "errors";
    metric.interval = new IntOrString("1s");
    metric.provider = new MetricProvider();
    metric.provider.compare = compare;
    return Templates.of(name() + "-judge", metric,
        new Argument("canary", null), new Argument("stable", null));
  }
}
