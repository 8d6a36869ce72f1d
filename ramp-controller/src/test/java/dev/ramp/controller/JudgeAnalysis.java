package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.RolloutAnalysis;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** Ramp's judge on the counters of each revision that a {@link StatsServer} keeps. */
final class JudgeAnalysis {
  static final String TEMPLATE = "judge";
  static final String METRIC = "errors";

  private JudgeAnalysis() {}

  /** The template {@value #TEMPLATE}: canary against stable errors, measured every second. */
  static void install(Cluster cluster, StatsServer stats) {
    CompareMetric compare = new CompareMetric();
    compare.web = new CompareMetric.WebCounters();
    compare.web.url = stats.url() + "/counts/{{revision}}";
    compare.web.eventsPath = "$.errors";
    compare.web.requestsPath = "$.requests";
    install(cluster, TEMPLATE, compare);
  }

  /**
   * A template judging canary against stable errors every second, with the counters of
   * {@code compare}.
   */
  static void install(Cluster cluster, String name, CompareMetric compare) {
    Metric metric = new Metric();
    metric.name = METRIC;
    metric.interval = new IntOrString("1s");
    metric.provider = new MetricProvider();
    metric.provider.compare = compare;
    compare.canaryRevision = "{{args.canary}}";
    compare.stableRevision = "{{args.stable}}";
    cluster.client.resources(AnalysisTemplate.class).resource(Templates.of(name, metric,
        new Argument("canary", null), new Argument("stable", null))).create();
  }

  /** A canary at 50% until promoted, guarded from its first step by the judge. */
  static Rollout guarded(String name) {
    return guarded(name, TEMPLATE);
  }

  /** A canary at 50% until promoted, guarded by the judge of {@code template}. */
  static Rollout guarded(String name, String template) {
    Rollout manifest = Rollouts.canary(name, 2, "demo:v1", weight(50), pause(null));
    RolloutAnalysis judge = new RolloutAnalysis();
    judge.templates = List.of(new RolloutAnalysis.TemplateRef(template));
    judge.args = List.of(SecretAnalysis.statusField("canary", "status.updatedRevision"),
        SecretAnalysis.statusField("stable", "status.stableRevision"));
    manifest.getSpec().strategy.canary.analysis = judge;
    return manifest;
  }
}
