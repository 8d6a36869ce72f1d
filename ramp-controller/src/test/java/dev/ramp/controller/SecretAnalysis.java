package dev.ramp.controller;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.analysis.WebMetric;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;

/**
 * Analysis of the canary's error rate with the web provider on a {@link StatsServer}, with the
 * server's token read from a Secret and sent in a header and in the query: a token that must
 * never appear anywhere but in those requests.
 */
final class SecretAnalysis {
  static final String TEMPLATE = "error-rate";
  static final String METRIC = "error-rate";
  private static final String SECRET = "stats-token";

  private SecretAnalysis() {}

  /** The Secret and the template {@value #TEMPLATE}, measured once. */
  static void install(Cluster cluster, StatsServer stats) {
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName(SECRET).withNamespace(Cluster.NS).endMetadata()
        .addToStringData("token", StatsServer.TOKEN).build()).create();
    createTemplate(cluster, stats, TEMPLATE, null);
  }

  /**
   * A template measuring the canary's error rate: below 5% passes, 10% or more fails.
   *
   * @param interval how often to measure; null for once
   */
  static void createTemplate(Cluster cluster, StatsServer stats, String name, String interval) {
    Metric metric = new Metric();
    metric.name = METRIC;
    metric.successCondition = "result < 0.05";
    metric.failureCondition = "result >= 0.1";
    if (interval != null) {
      metric.interval = new IntOrString(interval);
    }
    metric.provider = new MetricProvider();
    metric.provider.web = new WebMetric();
    metric.provider.web.url = stats.url() + "/errors/{{args.revision}}?key={{args.token}}";
    metric.provider.web.jsonPath = "$.errorRate";
    metric.provider.web.headers = List.of(new Header("Authorization", "Bearer {{args.token}}"));
    Argument token = new Argument("token", null);
    token.valueFrom = new Argument.ValueFrom();
    token.valueFrom.secretKeyRef = new SecretKeySelector("token", SECRET, false);
    cluster.client.resources(AnalysisTemplate.class).resource(Templates.of(name, metric,
        new Argument("revision", null), token)).create();
  }

  /** An analysis with the template, of the revision being rolled out. */
  static RolloutAnalysis analysis(String template) {
    RolloutAnalysis analysis = new RolloutAnalysis();
    analysis.templates = List.of(new RolloutAnalysis.TemplateRef(template));
    analysis.args = List.of(statusField("revision", "status.updatedRevision"));
    return analysis;
  }

  /** An argument whose value is a field of the rollout's status. */
  static Argument statusField(String name, String path) {
    Argument arg = new Argument(name, null);
    arg.valueFrom = new Argument.ValueFrom();
    arg.valueFrom.fieldRef = new Argument.FieldRef();
    arg.valueFrom.fieldRef.fieldPath = path;
    return arg;
  }

  /** The step analysing with {@value #TEMPLATE}. */
  static CanaryStep step() {
    return CanaryStep.analysis(analysis(TEMPLATE));
  }
}
